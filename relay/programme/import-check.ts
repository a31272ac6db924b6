/**
 * The checks of a programme's CSV (senior name, senior e-mail, junior name, junior e-mail, and
 * optionally start and end days): every problem of every line is listed with its line number, so
 * that a coordinator fixes the file once. Nothing is written until a file has no problem at all.
 */
import { createHash } from 'node:crypto';
import { displayNameLength, MAX_DISPLAY_NAME, normalizeDisplayName } from '../../lib/protocol/display-name.ts';
import { isStorableText } from '../../lib/protocol/protocol.ts';
import type { Programme } from '../store/programme-store.ts';
import type { CsvRecord } from './csv-parse.ts';

export const MAX_IMPORT_ROWS = 2000;
/** Far above 2,000 rows of names and addresses; below the relay's body limit, so this sentence is the one sent. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export interface ImportProblem {
  line: number;
  message: string;
}

export interface PlannedPair {
  line: number;
  senior: { name: string; email: string };
  junior: { name: string; email: string };
  startsAt: number | null;
  endsAt: number | null;
}

const COLUMNS = ['seniorname', 'senioremail', 'juniorname', 'junioremail', 'start', 'end'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['seniorname', 'senioremail', 'juniorname', 'junioremail'];
const LABELS: Record<Column, string> = {
  seniorname: 'senior name',
  senioremail: 'senior e-mail',
  juniorname: 'junior name',
  junioremail: 'junior e-mail',
  start: 'start',
  end: 'end',
};
const HEADER_HINT = 'senior name, senior email, junior name, junior email, and optionally start, end';

const EMAIL = /^[^\s@",;<>()]+@[^\s@",;<>()]+\.[^\s@",;<>()]+$/;
const DAY = 24 * 60 * 60 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const columnOf = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/mail$/, 'email')
    .replace(/eemail$/, 'email');

/** A hash to count a person across imports without keeping their address. */
export const emailHash = (programmeId: string, email: string) =>
  createHash('sha256').update(`${programmeId}\n${email}`).digest('hex');

function parseDay(text: string): number | null {
  if (!ISO_DAY.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || !new Date(time).toISOString().startsWith(text) ? null : time;
}

export function checkImport(
  records: CsvRecord[],
  programme: Programme,
  planned: { seniorEmailHash: string; juniorEmailHash: string }[],
): { pairs: PlannedPair[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const [header, ...rows] = records;
  if (!header)
    return {
      pairs: [],
      problems: [{ line: 1, message: `The file is empty: it needs a header line (${HEADER_HINT}) and one line per pair.` }],
    };
  const columns = header.cells.map(columnOf);
  const index = new Map<Column, number>();
  columns.forEach((name, i) => {
    if ((COLUMNS as readonly string[]).includes(name)) index.set(name as Column, i);
    else
      problems.push({
        line: header.line,
        message: `Column ${i + 1} (“${header.cells[i]!.trim()}”) is not one of: ${HEADER_HINT}.`,
      });
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    problems.push({
      line: header.line,
      message: `The header line has no ${missing.map((c) => LABELS[c]).join(', ')} column (expected: ${HEADER_HINT}).`,
    });
    return { pairs: [], problems };
  }
  if (rows.length === 0) problems.push({ line: header.line, message: 'The file has a header line but no pair.' });

  const pairLines = new Map<string, number>();
  for (const p of planned) pairLines.set(`${p.seniorEmailHash}\n${p.juniorEmailHash}`, 0);
  const seniorsOfJunior = new Map<string, number>();
  for (const p of planned) seniorsOfJunior.set(p.juniorEmailHash, (seniorsOfJunior.get(p.juniorEmailHash) ?? 0) + 1);

  const pairs: PlannedPair[] = [];
  for (const row of rows) {
    const at = (column: Column) => (index.has(column) ? (row.cells[index.get(column)!] ?? '').trim() : '');
    const before = problems.length;
    const report = (message: string) => problems.push({ line: row.line, message });
    if (row.cells.length > columns.length)
      report(`This line has ${row.cells.length} cells, more than the header’s ${columns.length}.`);
    const person = (nameColumn: Column, emailColumn: Column) => {
      const rawName = at(nameColumn);
      const name = isStorableText(rawName) ? normalizeDisplayName(rawName, Infinity) : '';
      if (!name) report(`The ${LABELS[nameColumn]} is missing.`);
      else if (displayNameLength(name) > MAX_DISPLAY_NAME)
        report(`The ${LABELS[nameColumn]} is longer than ${MAX_DISPLAY_NAME} characters.`);
      const email = at(emailColumn).toLowerCase();
      if (!email) report(`The ${LABELS[emailColumn]} is missing.`);
      else if (email.length > 254 || !EMAIL.test(email))
        report(`The ${LABELS[emailColumn]} “${email.slice(0, 80)}” is not an e-mail address.`);
      return { name, email };
    };
    const senior = person('seniorname', 'senioremail');
    const junior = person('juniorname', 'junioremail');
    if (senior.email && senior.email === junior.email)
      report(`The same person (${senior.email}) is both the senior and the junior of this pair.`);

    const start = at('start');
    const end = at('end');
    const startsAt = start ? parseDay(start) : null;
    const endDay = end ? parseDay(end) : null;
    const endsAt = endDay === null ? null : endDay + DAY;
    if (start && startsAt === null) report(`The start “${start.slice(0, 40)}” is not a day written as 2027-01-04.`);
    if (end && endDay === null) report(`The end “${end.slice(0, 40)}” is not a day written as 2027-06-30.`);
    if (startsAt !== null && (startsAt < programme.startsAt || startsAt >= programme.endsAt))
      report(`The start ${start} is outside the programme’s dates.`);
    if (endsAt !== null && (endsAt <= programme.startsAt || endsAt > programme.endsAt))
      report(`The end ${end} is outside the programme’s dates.`);
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) report(`The end ${end} comes before the start ${start}.`);

    if (senior.email && junior.email) {
      const key = `${emailHash(programme.id, senior.email)}\n${emailHash(programme.id, junior.email)}`;
      const seen = pairLines.get(key);
      if (seen === 0) report(`${senior.email} and ${junior.email} are already a pair of this programme.`);
      else if (seen !== undefined) report(`${senior.email} and ${junior.email} are already paired on line ${seen}.`);
      else pairLines.set(key, row.line);
      const juniorKey = emailHash(programme.id, junior.email);
      const count = (seniorsOfJunior.get(juniorKey) ?? 0) + (seen === undefined ? 1 : 0);
      seniorsOfJunior.set(juniorKey, count);
      if (count > programme.maxSeniorsPerJunior) {
        report(`${junior.email} would have ${count} seniors; this programme allows at most ${programme.maxSeniorsPerJunior}.`);
      }
    }
    if (problems.length === before) pairs.push({ line: row.line, senior, junior, startsAt, endsAt });
  }
  return { pairs, problems };
}
