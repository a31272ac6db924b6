/**
 * The authorization matrix of the programme's routes: every route × {the operator, a coordinator
 * of this programme, a coordinator of another programme, an ordinary device, nobody}. Each
 * refusal is the exact status of its row and changes nothing: every table, rate-limit counters
 * included, is the same before and after.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/protocol/protocol';
import { backends, snapshot, testRelay, useRelayDatabase, type TestRelay } from './harness';
import { ADMIN_SECRET, createProgramme, DAY, programmePair } from './programme-world';
import { CALLERS, PROGRAMME_ROUTES, type Caller, type ProgrammeWorld } from './programme-routes';

const methodOf = (key: string) => key.split(' ')[0]!;

describe.each(backends())('the programme authorization matrix on $name', (backend) => {
  const db = useRelayDatabase(backend);
  let relay: TestRelay;
  let w: ProgrammeWorld;

  beforeAll(async () => {
    relay = testRelay(db(), { adminSecret: ADMIN_SECRET });
    const now = Date.now();
    const mine = await createProgramme(relay, { name: 'Mine', startsAt: now - DAY, endsAt: now + 90 * DAY });
    const other = await createProgramme(relay, { name: 'Other', startsAt: now - DAY, endsAt: now + 90 * DAY });
    const { senior, pairId } = await programmePair(relay, mine.programme.id);
    await programmePair(relay, other.programme.id);
    w = {
      programmeId: mine.programme.id,
      otherProgrammeId: other.programme.id,
      coordinatorSecret: mine.coordinatorSecret,
      otherCoordinatorSecret: other.coordinatorSecret,
      pairId,
      member: senior,
      outsider: await relay.register('Outsider'),
      importCsv: 'senior name,senior email,junior name,junior email\r\nAnne,anne@example.com,Hugo,hugo@example.com\r\n',
      share: relay.inviteBody().share,
    };
  });

  function headersOf(caller: Caller | 'member'): Record<string, string> {
    const token = {
      admin: ADMIN_SECRET,
      coordinator: w.coordinatorSecret,
      otherCoordinator: w.otherCoordinatorSecret,
      device: w.outsider.token,
      member: w.member.token,
      nobody: undefined,
    }[caller];
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  async function send(key: string, caller: Caller | 'member') {
    const { path, json, text, form } = PROGRAMME_ROUTES[key]!.request(w);
    const headers = headersOf(caller);
    if (text !== undefined)
      return relay.call(methodOf(key), path, { body: text, headers: { ...headers, 'Content-Type': 'text/csv' } });
    if (form !== undefined) {
      return relay.call(methodOf(key), path, {
        body: new URLSearchParams(form).toString(),
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    }
    return relay.call(methodOf(key), path, { json, headers });
  }

  const cells = Object.keys(PROGRAMME_ROUTES).flatMap((key) => CALLERS.map((caller) => [key, caller] as const));

  it.each(cells.filter(([key, caller]) => PROGRAMME_ROUTES[key]!.outcomes[caller] !== 'ok'))(
    '%s refuses %s with its status, and changes nothing',
    async (key, caller) => {
      const expected = PROGRAMME_ROUTES[key]!.outcomes[caller];
      const before = await snapshot(db().sql);
      const res = await send(key, caller);
      expect(await snapshot(db().sql)).toEqual(before);
      expect(res.status).toBe(expected);
      const code = { 401: 'unauthorized', 403: 'forbidden', 404: PROGRAMME_ROUTES[key]!.notFoundCode ?? 'not_found' }[
        expected as 401 | 403 | 404
      ];
      expect(errorResponse.parse(res.body).error.code).toBe(code);
    },
  );

  it.each(cells.filter(([key, caller]) => PROGRAMME_ROUTES[key]!.outcomes[caller] === 'ok'))(
    '%s lets %s through',
    async (key, caller) => {
      const res = await send(key, caller);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(400);
    },
  );

  it.each(Object.keys(PROGRAMME_ROUTES).filter((key) => PROGRAMME_ROUTES[key]!.memberOk))(
    '%s lets a member of the pair through',
    async (key) => {
      expect((await send(key, 'member')).status).toBeLessThan(300);
    },
  );

  it('refuses a coordinator a programme that does not exist with the same 403 as another’s, and the operator with 404', async () => {
    const path = `/coordinator/programmes/${crypto.randomUUID()}/report`;
    const coordinator = await relay.call('GET', path, { token: w.coordinatorSecret });
    const operator = await relay.call('GET', path, { token: ADMIN_SECRET });
    const another = await relay.call('GET', `/coordinator/programmes/${w.otherProgrammeId}/report`, {
      token: w.coordinatorSecret,
    });
    expect([coordinator.status, another.status, operator.status]).toEqual([403, 403, 404]);
    expect(coordinator.body).toEqual(another.body);
  });
});
