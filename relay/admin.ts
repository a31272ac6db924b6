/**
 * `npm run relay:admin -- <command> [arguments] [--json]`: an operator's commands, sent to a
 * running relay (RELAY_URL, http://127.0.0.1:8787 by default) with the secret it was started
 * with (ADMIN_SECRET). Each command prints one plain sentence, or with --json the relay's answer.
 * Exit status: 0 done, 1 refused or failed (the sentence says why), 2 wrong usage.
 *
 * A command is a row of COMMANDS: its usage line, and what it asks the relay and says of the
 * answer (relay/admin-device-commands.ts, relay/admin-programme-commands.ts).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AdminClient, AdminError, UsageError, type Command } from './admin-client.ts';
import { DEVICE_COMMANDS } from './admin-device-commands.ts';
import { PROGRAMME_COMMANDS, PROGRAMME_OPTIONS } from './admin-programme-commands.ts';

const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

const COMMANDS: Record<string, Command> = {
  ...DEVICE_COMMANDS,
  ...PROGRAMME_COMMANDS,
};

const usage = () =>
  [
    'Usage: npm run relay:admin -- <command> [--json]',
    'Commands:',
    ...Object.values(COMMANDS).flatMap((c) => c.usage.split('\n').map((line) => `  ${line}`)),
  ].join('\n');

/** Runs one invocation; returns the exit status. Output goes through `out` and `err`. */
export async function runAdmin(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, ...PROGRAMME_OPTIONS },
    });
    json = values.json ?? false;
    const [name, ...args] = positionals;
    if (!name) throw new UsageError('Name a command.');
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`There is no command “${name}”.`);
    // A coordinator imports their programme's pairs with their own secret.
    const secret = env.ADMIN_SECRET || (name === 'programme' && args[0] === 'import' ? env.COORDINATOR_SECRET : undefined);
    if (!secret) throw new UsageError('Set ADMIN_SECRET to the secret the relay was started with.');
    const client = new AdminClient((env.RELAY_URL || DEFAULT_RELAY_URL).replace(/\/+$/, ''), secret);
    const outcome = await command.run(client, args, values);
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
