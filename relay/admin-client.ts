/** The admin command line's pieces shared by its commands (relay/admin.ts, relay/admin-programme-commands.ts). */
import type { z } from 'zod';
import { normalizeDisplayName } from '../lib/protocol/display-name.ts';
import { errorResponse } from '../lib/protocol/protocol.ts';
import { ADMIN_PREFIX } from './admin-api.ts';

/** The relay refused, or could not be reached: `message` is a sentence for the operator. */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A wrong invocation: the usage is printed after the sentence. */
export class UsageError extends Error {}

/** What a request sends: JSON, or a text body (a CSV) with its type. */
export type RequestBody = { json: unknown } | { text: string; type: string };

export class AdminClient {
  constructor(
    readonly relayUrl: string,
    private readonly secret: string,
  ) {}

  /** `prefix` is /admin for the operator's routes; the coordinator's routes take the admin secret too. */
  async call<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    body?: RequestBody,
    prefix: string = ADMIN_PREFIX,
  ): Promise<z.infer<T>> {
    let response: Response;
    const headers: Record<string, string> = { Authorization: `Bearer ${this.secret}` };
    if (body) headers['Content-Type'] = 'json' in body ? 'application/json' : body.type;
    try {
      response = await fetch(`${this.relayUrl}${prefix}${path}`, {
        method,
        headers,
        body: body ? ('json' in body ? JSON.stringify(body.json) : body.text) : undefined,
      });
    } catch {
      throw new AdminError(
        `Could not reach the relay at ${this.relayUrl}. Check that it is running, or set RELAY_URL to its address.`,
        'network',
      );
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const refused = errorResponse.safeParse(json);
      if (refused.success) throw new AdminError(refused.data.error.message, refused.data.error.code);
      throw new AdminError(
        `The relay at ${this.relayUrl} answered HTTP ${response.status}, which this command does not understand.`,
        'protocol',
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new AdminError(
        `The relay at ${this.relayUrl} sent an answer this command does not understand. Is it the same version?`,
        'protocol',
      );
    return parsed.data;
  }
}

export interface Outcome {
  sentence: string;
  json: unknown;
}

/** The options every command may be given; each command reads the ones it takes. */
export type CommandOptions = Record<string, string | boolean | undefined>;

export interface Command {
  usage: string;
  run(client: AdminClient, args: string[], options: CommandOptions): Promise<Outcome>;
}

/** A name as typed by a device, made safe for a terminal (older relays stored names uncleaned). */
export const quoted = (name: string) => `“${normalizeDisplayName(name)}”`;
