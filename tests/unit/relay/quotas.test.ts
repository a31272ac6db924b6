/**
 * Quotas: what one device may post per minute (count and bytes), what one pair may store, and
 * how large a message of each kind may be. Counted in the database like the rate limits, so
 * relay instances sharing it share them; injected tiny here with a fake clock.
 */
import { describe, expect, it } from 'vitest';
import {
  errorResponse,
  MAX_PAYLOAD_CHARS,
  MAX_PAYLOAD_CHARS_BY_KIND,
  MESSAGE_KINDS,
  pullResponse,
} from '@/lib/protocol/protocol';
import { DEFAULT_RATE_LIMITS, NO_RATE_LIMITS, resolveRateLimits, type RateLimits } from '@/relay/rate-limit';
import { migrate } from '@/relay/store/migrate';
import { MIGRATIONS } from '@/relay/store/migrations';
import { backends, countRows, fakeClock, snapshot, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';

const MINUTE = 60_000;
const only = (limits: Partial<RateLimits>): RateLimits => ({ ...NO_RATE_LIMITS, ...limits });
const text = (chars: number) => 'x'.repeat(chars);

function expectRefused(res: { status: number; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const { error } = errorResponse.parse(res.body);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/^[A-Z].*\.$/);
  return error;
}

describe.each(backends())('quotas on $name', (backend) => {
  const db = useRelayDatabase(backend);

  function limitedRelay(limits: Partial<RateLimits>, clock = fakeClock()) {
    return Object.assign(testRelay(db(), { now: clock.now, rateLimits: only(limits) }), { clock });
  }
  async function pairOn(relay: TestRelay): Promise<{ ana: Device; bob: Device; pairId: string }> {
    const [ana, bob] = [await relay.register('Ana'), await relay.register('Bob')];
    const { pairId } = await relay.pair(ana, bob);
    return { ana, bob, pairId };
  }
  const pulled = async (relay: TestRelay, device: Device, pairId: string) =>
    pullResponse.parse((await relay.call('GET', `/pairs/${pairId}/messages?after=0`, { token: device.token })).body).messages;

  describe('posts per device', () => {
    it('limits the messages one device posts per minute, storing nothing when refusing', async () => {
      const relay = limitedRelay({ postsPerDevice: { max: 3, windowMs: MINUTE } });
      const { ana, bob, pairId } = await pairOn(relay);
      for (let i = 0; i < 3; i++) expect((await relay.post(ana, pairId)).status).toBe(201);
      relay.clock.time += 20_000;
      const before = await snapshot(db().sql);
      const refused = await relay.post(ana, pairId);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(refused.headers.get('Retry-After')).toBe('40');
      expect(await snapshot(db().sql)).toEqual(before);

      expect((await relay.post(bob, pairId)).status).toBe(201); // the buddy's budget is its own
      relay.clock.time += 40_000;
      expect((await relay.post(ana, pairId)).status).toBe(201);
    });

    it('limits the payload bytes one device posts per minute, so large messages cannot flood the relay', async () => {
      const relay = limitedRelay({ postBytesPerDevice: { max: MAX_PAYLOAD_CHARS, windowMs: MINUTE } });
      const { ana, bob, pairId } = await pairOn(relay);
      expect((await relay.post(ana, pairId, { payload: text(600_000) })).status).toBe(201);
      const messages = await countRows(db().sql, 'messages');
      expect((await relay.post(ana, pairId, { payload: text(600_000) })).status).toBe(429);
      expect(await countRows(db().sql, 'messages')).toBe(messages);
      // The refused 600,000 bytes were not counted: 400,000 more still fit in the minute.
      expect((await relay.post(ana, pairId, { payload: text(400_000) })).status).toBe(201);
      expect((await relay.post(bob, pairId, { payload: text(600_000) })).status).toBe(201);
      relay.clock.time += MINUTE;
      expect((await relay.post(ana, pairId, { payload: text(600_000) })).status).toBe(201);
    });

    it('counts only what is stored: a retried duplicate or a refused post gives its place back', async () => {
      const relay = limitedRelay({ postsPerDevice: { max: 2, windowMs: MINUTE } });
      const { ana, pairId } = await pairOn(relay);
      const id = crypto.randomUUID();
      expect((await relay.post(ana, pairId, { id })).status).toBe(201);
      expect((await relay.post(ana, pairId, { id })).status).toBe(200); // the retry of a lost answer
      expect((await relay.post(ana, crypto.randomUUID())).status).toBe(404);
      expect((await relay.post(ana, pairId)).status).toBe(201);
      expect((await relay.post(ana, pairId)).status).toBe(429);
    });

    it('shares its counters between relay instances on one database', async () => {
      const clock = fakeClock();
      const limits = {
        postsPerDevice: { max: 2, windowMs: MINUTE },
        postBytesPerDevice: { max: MAX_PAYLOAD_CHARS, windowMs: MINUTE },
      };
      const [first, second] = [limitedRelay(limits, clock), limitedRelay(limits, clock)];
      const { ana, bob, pairId } = await pairOn(first);
      expect((await first.post(ana, pairId)).status).toBe(201);
      expect((await second.post(ana, pairId)).status).toBe(201);
      expect((await first.post(ana, pairId)).status).toBe(429);
      expect((await second.post(ana, pairId)).status).toBe(429);

      expect((await first.post(bob, pairId, { payload: text(700_000) })).status).toBe(201);
      expect((await second.post(bob, pairId, { payload: text(700_000) })).status).toBe(429);
    });
  });

  describe('storage per pair', () => {
    it('refuses with 413 quota_exceeded when a message would not fit, storing nothing; other pairs are unaffected', async () => {
      const relay = limitedRelay({ storedBytesPerPair: 1000 });
      const { ana, bob, pairId } = await pairOn(relay);
      const other = await pairOn(relay);
      expect((await relay.post(ana, pairId, { payload: text(600) })).status).toBe(201);

      const before = await snapshot(db().sql);
      const error = expectRefused(await relay.post(bob, pairId, { payload: text(401) }), 413, 'quota_exceeded');
      expect(error.message).toBe(
        'This pair has used all the storage the relay gives a pair, so nothing more can be sent in it. Ask your company’s support to raise the limit.',
      );
      expect(await snapshot(db().sql)).toEqual(before);

      expect((await relay.post(bob, pairId, { payload: text(400) })).status).toBe(201); // exactly full
      expectRefused(await relay.post(ana, pairId, { payload: 'x' }), 413, 'quota_exceeded');
      // Another pair, even of the same people, has its own quota; the full pair can still be read.
      expect((await relay.post(other.ana, other.pairId, { payload: text(1000) })).status).toBe(201);
      expect(await pulled(relay, bob, pairId)).toHaveLength(2);
    });

    it('counts UTF-8 bytes, as the database stores them', async () => {
      const relay = limitedRelay({ storedBytesPerPair: 10 });
      const { ana, pairId } = await pairOn(relay);
      expectRefused(await relay.post(ana, pairId, { payload: 'éééééé' }), 413, 'quota_exceeded'); // 6 characters, 12 bytes
      expect((await relay.post(ana, pairId, { payload: 'ééééé' })).status).toBe(201);
    });

    it('answers a retry of a stored message as a duplicate, even once the pair is full', async () => {
      const relay = limitedRelay({ storedBytesPerPair: 100 });
      const { ana, pairId } = await pairOn(relay);
      const id = crypto.randomUUID();
      const first = await relay.post(ana, pairId, { id, payload: text(100) });
      expect(first.status).toBe(201);
      expect(await relay.post(ana, pairId, { id, payload: text(100) })).toMatchObject({ status: 200, body: { duplicate: true } });
    });

    it('is counted across relay instances on one database', async () => {
      const clock = fakeClock();
      const [first, second] = [
        limitedRelay({ storedBytesPerPair: 1000 }, clock),
        limitedRelay({ storedBytesPerPair: 1000 }, clock),
      ];
      const { ana, bob, pairId } = await pairOn(first);
      expect((await first.post(ana, pairId, { payload: text(600) })).status).toBe(201);
      expectRefused(await second.post(bob, pairId, { payload: text(600) }), 413, 'quota_exceeded');
      // Concurrent posts through both instances cannot overfill it either: the pair's row is locked.
      const results = await Promise.all(
        [first, second, first, second].map((relay, i) => relay.post(i % 2 ? ana : bob, pairId, { payload: text(150) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 413, 413]);
    });
  });

  describe('size by kind', () => {
    it.each(MESSAGE_KINDS.map((kind) => [kind, MAX_PAYLOAD_CHARS_BY_KIND[kind]] as const))(
      'takes a %s of up to %i characters and refuses one more, storing nothing',
      async (kind, max) => {
        const relay = testRelay(db());
        const { ana, pairId } = await pairOn(relay);
        const before = await snapshot(db().sql);
        const refused = await relay.post(ana, pairId, { kind, payload: text(max + 1) });
        // Over the protocol's ceiling the request itself is invalid (400, see mailbox.test.ts).
        if (max === MAX_PAYLOAD_CHARS) expectRefused(refused, 400, 'bad_request');
        else
          expect(expectRefused(refused, 413, 'too_large').message).toBe(
            'This message is too large to send. Shorten it, then try again.',
          );
        expect(await snapshot(db().sql)).toEqual(before);
        expect((await relay.post(ana, pairId, { kind, payload: text(max) })).status).toBe(201);
      },
    );

    it('gives a screenshot to questions and answers only (an annotated picture): the rest far smaller, a resolution tiny', () => {
      expect(MAX_PAYLOAD_CHARS_BY_KIND.question).toBe(MAX_PAYLOAD_CHARS);
      expect(MAX_PAYLOAD_CHARS_BY_KIND.answer).toBe(MAX_PAYLOAD_CHARS);
      for (const kind of MESSAGE_KINDS.filter((k) => k !== 'question' && k !== 'answer'))
        expect(MAX_PAYLOAD_CHARS_BY_KIND[kind]).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS / 4);
      expect(MAX_PAYLOAD_CHARS_BY_KIND.resolution).toBeLessThanOrEqual(4096);
    });
  });

  it('fills in the storage of pairs that existed before the quota', async () => {
    const { sql, dispose } = await backend.open();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((m) => m.id < 3),
      );
      await sql.query(`INSERT INTO devices (id, token_hash, display_name, created_at) VALUES ($1, 'h', 'Ana', 1)`, [
        crypto.randomUUID(),
      ]);
      const [{ id: deviceId }] = await sql.query<{ id: string }>('SELECT id FROM devices');
      const pairId = crypto.randomUUID();
      await sql.query('INSERT INTO pairs (id, created_at, last_seq) VALUES ($1, 1, 2)', [pairId]);
      await sql.query(
        `INSERT INTO messages (pair_id, seq, id, sender_device_id, kind, created_at, received_at, payload)
         VALUES ($1, 1, $2, $3, 'question', 1, 1, $4), ($1, 2, $5, $3, 'answer', 1, 1, $6)`,
        [pairId, crypto.randomUUID(), deviceId, text(300), crypto.randomUUID(), 'é'.repeat(10)],
      );
      await migrate(sql);
      const rows = await sql.query<{ stored_bytes: unknown; left_at: unknown }>(
        'SELECT stored_bytes, left_at FROM pairs WHERE id = $1',
        [pairId],
      );
      expect(rows.map((r) => ({ stored: Number(r.stored_bytes), leftAt: r.left_at }))).toEqual([{ stored: 320, leftAt: null }]);
    } finally {
      await dispose();
    }
  });
});

describe('quota settings', () => {
  it('has defaults no person meets: minutes of posting, hundreds of screenshots', () => {
    expect(DEFAULT_RATE_LIMITS.postsPerDevice.max).toBeGreaterThanOrEqual(100);
    expect(DEFAULT_RATE_LIMITS.postBytesPerDevice.max).toBeGreaterThanOrEqual(16 * MAX_PAYLOAD_CHARS);
    expect(DEFAULT_RATE_LIMITS.storedBytesPerPair).toBeGreaterThanOrEqual(500 * MAX_PAYLOAD_CHARS);
  });

  it('refuses a byte limit under one message, which could never be passed', () => {
    expect(() => resolveRateLimits({ postBytesPerDevice: { max: MAX_PAYLOAD_CHARS - 1, windowMs: MINUTE } })).toThrow(
      /postBytesPerDevice/,
    );
    expect(() => resolveRateLimits({ storedBytesPerPair: -1 })).toThrow(/storedBytesPerPair/);
    expect(() => resolveRateLimits({ postBytesPerDevice: { max: 2 ** 31, windowMs: MINUTE } })).toThrow(/postBytesPerDevice/);
  });
});
