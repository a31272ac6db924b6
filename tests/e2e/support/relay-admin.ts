/**
 * The relay operator's command line (`npm run relay:admin`, relay/admin.ts), run as the operator
 * runs it: a child process with ADMIN_SECRET and RELAY_URL, its --json answer parsed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RelayProcess } from './relay-process';

export const ADMIN_SECRET = 'e2e-operator-secret-0123456789abcdef';

const run = promisify(execFile);

export interface PlannedPair {
  senior: { name: string; email: string };
  junior: { name: string; email: string };
}

export interface PersonalCode {
  name: string;
  email: string;
  code: string;
}

export class RelayAdmin {
  constructor(private readonly relay: RelayProcess) {}

  async run<T>(...args: string[]): Promise<T> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'relay/admin.ts', ...args, '--json'], {
      env: { ...process.env, ADMIN_SECRET, RELAY_URL: this.relay.url },
    });
    return JSON.parse(stdout) as T;
  }

  /** A programme from `start` to `end` (days as YYYY-MM-DD); its id and the coordinator's secret. */
  async createProgramme(name: string, start: string, end: string): Promise<{ id: string; coordinatorSecret: string }> {
    const created = await this.run<{ programme: { id: string }; coordinatorSecret: string }>(
      'programme',
      'create',
      '--name',
      name,
      '--start',
      start,
      '--end',
      end,
    );
    return { id: created.programme.id, coordinatorSecret: created.coordinatorSecret };
  }

  /** Imports the pairs from a CSV file, as a coordinator's spreadsheet gives them; the personal codes, in the file's order. */
  async importPairs(programmeId: string, pairs: PlannedPair[]): Promise<PersonalCode[]> {
    const dir = mkdtempSync(join(tmpdir(), 'binome-csv-'));
    try {
      const file = join(dir, 'pairs.csv');
      const lines = pairs.map((p) => [p.senior.name, p.senior.email, p.junior.name, p.junior.email].join(','));
      writeFileSync(file, ['senior name,senior email,junior name,junior email', ...lines].join('\r\n'));
      return (await this.run<{ codes: PersonalCode[] }>('programme', 'import', programmeId, file)).codes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A one-time sign-in link to the coordinator page. */
  async signInLink(programmeId: string): Promise<string> {
    return (await this.run<{ url: string }>('coordinator', 'link', programmeId)).url;
  }
}

/** Today ± `days`, as the command line takes a day. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
