/**
 * Why the sender refuses a payload. Apart from the schemas (lib/conversation/payloads.ts), so
 * that a form can tell these errors apart without loading zod.
 */
import type { TEXT_LIMITS } from './text-limits';

/** The fields a person types; what Binôme captures itself is trimmed instead (lib/capture/trim-context.ts). */
export type TypedField = Extract<keyof typeof TEXT_LIMITS, 'text' | 'skill'>;

/** What the person typed is longer than the receiver accepts: nothing is queued. */
export class TextTooLongError extends Error {
  constructor(
    readonly field: TypedField,
    readonly limit: number,
  ) {
    super(`The ${field} is longer than ${limit} characters`);
    this.name = 'TextTooLongError';
  }
}

/** A payload the receiver would refuse for another reason: a bug of the caller, never the person's text. */
export class PayloadRefusedError extends Error {
  constructor(kind: string, problems: string) {
    super(`A ${kind} payload would be refused by the buddy's browser: ${problems}`);
    this.name = 'PayloadRefusedError';
  }
}
