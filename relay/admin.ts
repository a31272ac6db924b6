/**
 * `npm run relay:admin -- <command> [arguments] [--json]`: an operator's commands, sent to a
 * running relay (RELAY_URL, http://127.0.0.1:8787 by default) with the secret it was started
 * with (ADMIN_SECRET). Each command prints one plain sentence, or with --json the relay's answer.
 * Exit status: 0 done, 1 refused or failed (the sentence says why), 2 wrong usage.
 *
 * A command is a row of COMMANDS: its usage line, and what it asks the relay and says of the
 * answer. Later ones (list devices, list pairs, delete a pair, programmes) are rows too.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { normalizeDisplayName } from '../lib/protocol/display-name.ts';
import { errorResponse } from '../lib/protocol/protocol.ts';
import { ADMIN_PREFIX, revokeDeviceResponse } from './admin-api.ts';

const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

/** The relay refused, or could not be reached: `message` is a sentence for the operator. */
class AdminError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A wrong invocation: the usage is printed after the sentence. */
class UsageError extends Error {}

export class AdminClient {
  constructor(
    readonly relayUrl: string,
    private readonly secret: string,
  ) {}

  async call<T extends z.ZodType>(method: string, path: string, schema: T): Promise<z.infer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.relayUrl}${ADMIN_PREFIX}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.secret}` },
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

interface Outcome {
  sentence: string;
  json: unknown;
}

interface Command {
  usage: string;
  run(client: AdminClient, args: string[]): Promise<Outcome>;
}

/** A name as typed by a device, made safe for a terminal (older relays stored names uncleaned). */
const quoted = (name: string) => `“${normalizeDisplayName(name)}”`;

const COMMANDS: Record<string, Command> = {
  revoke: {
    usage: 'revoke <deviceId>   revoke a lost or stolen device: its token stops, its connections close, its buddies are told',
    async run(client, args) {
      const [deviceId, ...extra] = args;
      if (!deviceId || extra.length > 0) throw new UsageError('revoke takes exactly one device id.');
      const revoked = await client.call('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`, revokeDeviceResponse);
      const buddies = revoked.buddiesTold === 1 ? '1 buddy was' : `${revoked.buddiesTold} buddies were`;
      const sentence = revoked.alreadyRevoked
        ? `Device ${revoked.deviceId} (${quoted(revoked.displayName)}) was already revoked on ${new Date(revoked.revokedAt).toISOString()}; its live connections were told to close again and ${buddies} told again.`
        : `Device ${revoked.deviceId} (${quoted(revoked.displayName)}) is revoked: its token no longer works, its live connections are closing, and ${buddies} told.`;
      return { sentence, json: revoked };
    },
  },
};

const usage = () =>
  ['Usage: npm run relay:admin -- <command> [--json]', 'Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join(
    '\n',
  );

/** Runs one invocation; returns the exit status. Output goes through `out` and `err`. */
export async function runAdmin(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
    json = values.json ?? false;
    const [name, ...args] = positionals;
    if (!name) throw new UsageError('Name a command.');
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`There is no command “${name}”.`);
    const secret = env.ADMIN_SECRET;
    if (!secret) throw new UsageError('Set ADMIN_SECRET to the secret the relay was started with.');
    const client = new AdminClient((env.RELAY_URL || DEFAULT_RELAY_URL).replace(/\/+$/, ''), secret);
    const outcome = await command.run(client, args);
    out(json ? JSON.stringify(outcome.json) : outcome.sentence);
    return 0;
  } catch (error) {
    if (error instanceof AdminError) {
      if (json) out(JSON.stringify({ error: { code: error.code, message: error.message } }));
      else err(error.message);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${(error as Error).message}\n${usage()}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAdmin(process.argv.slice(2), process.env, console.log, console.error).then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error('relay:admin failed unexpectedly:', error);
      process.exit(1);
    },
  );
}
