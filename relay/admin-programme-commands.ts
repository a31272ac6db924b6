/**
 * The admin command line's programme commands (`programme …`, `coordinator …`), rows of
 * relay/admin.ts's COMMANDS. Dates are days (YYYY-MM-DD, UTC) or ISO times with an offset; a
 * programme runs from the start of its first day to the end of its last.
 */
import {
  addCoordinatorResponse,
  createProgrammeResponse,
  listProgrammesResponse,
  importDryRunResponse,
  importResponse,
  signInLinkResponse,
  type CreateProgrammeRequest,
} from './admin-api.ts';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { drawPairSecret, formatJoiningCode } from '../lib/protocol/joining-code.ts';
import { AdminError, quoted, UsageError, type AdminClient, type Command, type CommandOptions } from './admin-client.ts';
import { csvLines } from './coordinator/csv.ts';
import { MAX_IMPORT_BYTES } from './programme/import-check.ts';

export const PROGRAMME_OPTIONS = {
  name: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  'max-seniors-per-junior': { type: 'string' },
  'help-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
} as const;

const DAY = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds for a day's start (or, for an end, the start of the next day), or an exact time. */
export function parseProgrammeDate(text: string, edge: 'start' | 'end', option: string): number {
  let time = Number.NaN;
  if (DATE_ONLY.test(text)) {
    const day = Date.parse(`${text}T00:00:00Z`);
    // Date.parse rolls 2027-02-30 over to March: a day that does not exist is refused.
    if (!Number.isNaN(day) && new Date(day).toISOString().startsWith(text)) time = edge === 'end' ? day + DAY : day;
  } else if (DATE_TIME.test(text)) {
    time = Date.parse(text);
  }
  if (Number.isNaN(time)) {
    throw new UsageError(
      `--${option} must be a day such as 2027-01-04, or a time such as 2027-01-04T09:00:00+01:00; got “${text}”.`,
    );
  }
  return time;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The last day of a programme whose end is the midnight after it. */
const lastDay = (endsAt: number) => day(endsAt - 1);

function requiredOption(options: CommandOptions, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`programme create needs --${name}.`);
  return value;
}

function programmeIdArgument(command: string, args: string[]): string {
  const [programmeId, ...extra] = args;
  if (!programmeId || extra.length > 0) throw new UsageError(`${command} takes exactly one programme id.`);
  return encodeURIComponent(programmeId);
}

/**
 * The dry run always goes first: a file with problems is never sent for real. Each pair's secret
 * is drawn here and added to both buddies' codes; the relay never sees it (docs/security.md).
 */
async function importPairs(client: AdminClient, args: string[], options: CommandOptions) {
  const [rawId, file, ...extra] = args;
  if (!rawId || !file || extra.length > 0) throw new UsageError('programme import takes a programme id and a CSV file.');
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new AdminError(`Could not read ${file}. Check the file’s name and place, then try again.`, 'file');
    },
  );
  if (size > MAX_IMPORT_BYTES) {
    throw new AdminError(
      `${file} is larger than 1 MB, far more than a programme’s pairs need: check that it is the right file.`,
      'too_large',
    );
  }
  const text = await readFile(file, 'utf8');
  const path = `/programmes/${encodeURIComponent(rawId)}/imports`;
  const body = { text, type: 'text/csv; charset=utf-8' };
  const dry = await client.call('POST', `${path}?dryRun=true`, importDryRunResponse, body, '/coordinator');
  if (dry.problems.length) {
    const count = dry.problems.length === 1 ? '1 problem' : `${dry.problems.length} problems`;
    throw new AdminError(
      [`Nothing was imported: ${file} has ${count}.`, ...dry.problems.map((p) => `line ${p.line}: ${p.message}`)].join('\n'),
      'bad_request',
    );
  }
  if (options['dry-run']) {
    return {
      sentence: `${file} has no problem: ${dry.pairs} pairs would be planned. Run it again without --dry-run to import them.`,
      json: dry,
    };
  }
  const imported = await client.call('POST', path, importResponse, body, '/coordinator');
  const rows: string[][] = [['name', 'email', 'code']];
  for (const pair of imported.pairs) {
    const secret = drawPairSecret();
    rows.push([pair.senior.name, pair.senior.email, formatJoiningCode(pair.senior.slotCode + secret)]);
    rows.push([pair.junior.name, pair.junior.email, formatJoiningCode(pair.junior.slotCode + secret)]);
  }
  const csv = csvLines(rows);
  const out = options.out;
  if (typeof out === 'string') {
    await writeFile(out, csv, { mode: 0o600, flag: 'wx' }).catch(() => {
      throw new AdminError(
        `Could not write ${out}: it may exist already (it is never overwritten). The pairs are planned; their codes are below, shown only now.\n${csv}`,
        'file',
      );
    });
  }
  const sentence =
    typeof out === 'string'
      ? `${imported.pairs.length} pairs are planned. Each person’s joining code is in ${out} (shown only now): e-mail each person their own, then delete the file.`
      : `${imported.pairs.length} pairs are planned. Each person’s joining code (shown only now; e-mail each person their own):\n${csv}`;
  return {
    sentence,
    json: { pairs: imported.pairs.length, codes: rows.slice(1).map(([name, email, code]) => ({ name, email, code })) },
  };
}

export const PROGRAMME_COMMANDS: Record<string, Command> = {
  programme: {
    usage: [
      'programme create --name <name> --start <day> --end <day> [--max-seniors-per-junior N] [--help-url <https://…>]',
      '                    create a programme; prints its id and a coordinator secret, shown once',
      'programme list      the programmes, their dates, pairs and coordinators',
      'programme import <programmeId> <file.csv> [--dry-run] [--out <codes.csv>]',
      '                    plan pairs from a CSV (ADMIN_SECRET, or the programme’s COORDINATOR_SECRET); every problem is',
      '                    listed by line and nothing changes until there is none; writes name,email,code, shown once',
    ].join('\n'),
    async run(client, args, options) {
      const [sub, ...rest] = args;
      if (sub === 'create') {
        if (rest.length > 0)
          throw new UsageError('programme create takes its values as options, such as --name "Digital buddies".');
        const maxSeniors = options['max-seniors-per-junior'];
        if (maxSeniors !== undefined && !/^\d+$/.test(String(maxSeniors))) {
          throw new UsageError('--max-seniors-per-junior must be a whole number, such as 2.');
        }
        const request: CreateProgrammeRequest = {
          name: requiredOption(options, 'name'),
          startsAt: parseProgrammeDate(requiredOption(options, 'start'), 'start', 'start'),
          endsAt: parseProgrammeDate(requiredOption(options, 'end'), 'end', 'end'),
          ...(maxSeniors === undefined ? {} : { maxSeniorsPerJunior: Number(maxSeniors) }),
          ...(typeof options['help-url'] === 'string' ? { helpUrl: options['help-url'] } : {}),
        };
        if (request.endsAt <= request.startsAt) throw new UsageError('--end must come after --start.');
        const created = await client.call('POST', '/programmes', createProgrammeResponse, { json: request });
        const { programme } = created;
        const sentence = [
          `Programme ${quoted(programme.name)} is created, from ${day(programme.startsAt)} to ${lastDay(programme.endsAt)} (at most ${programme.maxSeniorsPerJunior} seniors per junior).`,
          `Programme id: ${programme.id}`,
          `Coordinator secret (shown only now; give it to the coordinator, it opens ${client.relayUrl}/coordinator): ${created.coordinatorSecret}`,
        ].join('\n');
        return { sentence, json: created };
      }
      if (sub === 'list') {
        if (rest.length > 0) throw new UsageError('programme list takes no argument.');
        const { programmes } = await client.call('GET', '/programmes', listProgrammesResponse);
        const lines = programmes.map(
          (p) =>
            `${p.id}  ${quoted(p.name)}  ${day(p.startsAt)} to ${lastDay(p.endsAt)}  ${p.pairs} pairs, ${p.plannedPairs} planned, ${p.coordinators} coordinators`,
        );
        return { sentence: lines.length ? lines.join('\n') : 'There is no programme on this relay yet.', json: { programmes } };
      }
      if (sub === 'import') return importPairs(client, rest, options);
      throw new UsageError(sub ? `There is no command “programme ${sub}”.` : 'Name a programme command: create, list or import.');
    },
  },
  coordinator: {
    usage: [
      'coordinator add <programmeId>    give the programme another coordinator; prints its secret, shown once',
      'coordinator link <programmeId>   print a sign-in link to the coordinator page, valid once, for 15 minutes',
    ].join('\n'),
    async run(client, args) {
      const [sub, ...rest] = args;
      if (sub === 'add') {
        const added = await client.call(
          'POST',
          `/programmes/${programmeIdArgument('coordinator add', rest)}/coordinators`,
          addCoordinatorResponse,
        );
        return {
          sentence: `A coordinator is added to programme ${added.programmeId}. Their secret (shown only now): ${added.coordinatorSecret}`,
          json: added,
        };
      }
      if (sub === 'link') {
        const link = await client.call(
          'POST',
          `/programmes/${programmeIdArgument('coordinator link', rest)}/sign-in-links`,
          signInLinkResponse,
        );
        const url = `${client.relayUrl}${link.path}`;
        return {
          sentence: `Sign-in link for programme ${link.programmeId}, valid once until ${new Date(link.expiresAt).toISOString()}:\n${url}`,
          json: { ...link, url },
        };
      }
      throw new UsageError(sub ? `There is no command “coordinator ${sub}”.` : 'Name a coordinator command: add or link.');
    },
  },
};
