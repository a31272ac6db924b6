import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { drawSlotCode } from '../../lib/protocol/joining-code.ts';
import type { ImportResponse } from '../admin-api.ts';
import type { CoordinatorEnv } from '../coordinator/access.ts';
import type { RelayDeps } from '../deps.ts';
import { errorBody, MESSAGES, sendError } from '../errors.ts';
import { parseCsv, TooManyRows } from '../programme/csv-parse.ts';
import { checkImport, emailHash, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../programme/import-check.ts';
import { sha256Hex } from '../secrets.ts';

/**
 * `POST /coordinator/programmes/:id/imports[?dryRun=true]`, a CSV body: the dry run lists every
 * problem and changes nothing; the real run refuses a file with any problem, else plans one pair
 * a line and answers each person's slot code once (the relay keeps their hashes). The command line
 * adds each pair's secret to both codes (lib/protocol/joining-code.ts).
 */
export function importRoutes(deps: RelayDeps, access: MiddlewareHandler<CoordinatorEnv>) {
  return new Hono<CoordinatorEnv>().post(
    '/',
    access,
    async (c, next) => {
      // Refused before a byte is read when the length is announced; counted while reading otherwise.
      const length = Number(c.req.header('Content-Length') ?? '0');
      if (length > MAX_IMPORT_BYTES) return sendError(c, 413, 'too_large', MESSAGES.importTooLarge);
      await next();
    },
    bodyLimit({ maxSize: MAX_IMPORT_BYTES, onError: (c) => sendError(c, 413, 'too_large', MESSAGES.importTooLarge) }),
    async (c) => {
      const programme = (await deps.programmes.getProgramme(c.var.programmeId))!;
      const dryRun = c.req.query('dryRun') === 'true';
      let records: ReturnType<typeof parseCsv>;
      try {
        records = parseCsv(await c.req.text(), MAX_IMPORT_ROWS + 1);
      } catch (error) {
        if (error instanceof TooManyRows) return sendError(c, 413, 'too_large', MESSAGES.importTooManyRows(MAX_IMPORT_ROWS));
        throw error;
      }
      const { pairs, problems } = checkImport(records, programme, await deps.slots.plannedPeople(programme.id));
      if (dryRun) return c.json({ dryRun: true, pairs: pairs.length, problems });
      if (problems.length) {
        return c.json({ ...errorBody('bad_request', MESSAGES.importHasProblems(problems.length)), problems }, 400);
      }
      const planned = pairs.map((pair) => ({ ...pair, seniorCode: drawSlotCode(), juniorCode: drawSlotCode() }));
      await deps.slots.insertSlots(
        programme.id,
        planned.map((p) => ({
          line: p.line,
          seniorName: p.senior.name,
          juniorName: p.junior.name,
          seniorEmailHash: emailHash(programme.id, p.senior.email),
          juniorEmailHash: emailHash(programme.id, p.junior.email),
          seniorCodeHash: sha256Hex(p.seniorCode),
          juniorCodeHash: sha256Hex(p.juniorCode),
          startsAt: p.startsAt,
          endsAt: p.endsAt,
        })),
        deps.now(),
      );
      c.var.log.info({ pairs: planned.length }, 'programme import: pairs planned');
      const body: ImportResponse = {
        dryRun: false,
        pairs: planned.map((p) => ({
          line: p.line,
          senior: { ...p.senior, slotCode: p.seniorCode },
          junior: { ...p.junior, slotCode: p.juniorCode },
        })),
      };
      return c.json(body, 201);
    },
  );
}
