import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { z } from 'zod';
import { isStorableText } from '../lib/protocol/protocol.ts';
import { errorBody, MESSAGES } from './errors.ts';

type Issue = { readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> };

/** "displayName, publicKey": the fields at fault, without zod's internal wording. */
function fieldsAtFault(issues: readonly Issue[]): string {
  const fieldOf = (issue: Issue) =>
    (issue.path ?? []).map((part) => String(typeof part === 'object' && part !== null ? part.key : part)).join('.') || 'body';
  return [...new Set(issues.map(fieldOf))].join(', ');
}

/**
 * hono-openapi's validator with the relay's error shape: invalid input is answered with 400
 * `bad_request` before any handler runs, so bad input can never change anything. The same zod
 * schema is what GET /openapi.json describes (relay/routes/openapi.ts): the document cannot
 * drift from what is checked.
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  validator(target, schema, (result, c) => {
    const fields = result.success ? unstorableText(result.data) : fieldsAtFault(result.error);
    if (fields) {
      const message = `Some information in this request is missing or not valid (${fields}).`;
      return c.json(errorBody('bad_request', message), 400);
    }
  });

/** Deeper than any request of the protocol: such a body is refused rather than walked (the stack is finite). */
const MAX_DEPTH = 32;

/** The fields holding text PostgreSQL cannot store as given (see isStorableText), or ''. */
function unstorableText(value: unknown, path = '', depth = 0): string {
  if (typeof value === 'string') return isStorableText(value) ? '' : path || 'body';
  if (typeof value !== 'object' || value === null) return '';
  if (depth >= MAX_DEPTH) return path || 'body';
  const faults = Object.entries(value)
    .map(([key, item]) => unstorableText(item, path ? `${path}.${key}` : key, depth + 1))
    .filter(Boolean);
  return faults.join(', ');
}

/**
 * Path ids that are not even UUIDs get the same 404 as unknown ones: a caller learns nothing
 * about which pairs exist. UUIDs are lower-cased so they compare equal to the database's text.
 */
export const validatePairParam = <T extends z.ZodType>(schema: T) =>
  validator('param', schema, (result, c) => {
    if (!result.success) return c.json(errorBody('not_found', MESSAGES.pairNotFound), 404);
  });
