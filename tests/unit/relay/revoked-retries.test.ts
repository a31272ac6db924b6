/**
 * A revoked device that keeps retrying (relay/revoked-devices.ts): the same 401 as any unknown
 * token, answered without the database after the first, one warning per window, 429 past the
 * limit, and nothing crashes or changes.
 */
import { describe, expect, it } from 'vitest';
import type { RelayStore } from '@/relay/store/relay-store';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase } from './harness';

describe.each(backends())('a revoked device retrying on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('is answered 401 from memory, warned about once, then told to wait, and changes nothing', async () => {
    const clock = fakeClock();
    let lookups = 0;
    const store: RelayStore = Object.create(db().store);
    store.findDeviceByTokenHash = (hash) => {
      lookups++;
      return db().store.findDeviceByTokenHash(hash);
    };
    const relay = testRelay(
      { ...db(), store },
      {
        now: clock.now,
        rateLimits: { ...NO_RATE_LIMITS, revokedRetriesPerDevice: { max: 3, windowMs: 60_000 } },
      },
    );
    const lost = await relay.register('Lost laptop');
    expect((await relay.call('DELETE', '/devices/me', { token: lost.token })).status).toBe(204);
    const before = await snapshot(db().sql);
    lookups = 0;
    relay.logLines.length = 0;

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await relay.call('GET', '/pairs', { token: lost.token })).status);
    const flood = await Promise.all(
      Array.from({ length: 20 }, () => relay.call('POST', '/invites', { token: lost.token, json: {} })),
    );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(flood.every((res) => res.status === 429 && Number(res.headers.get('Retry-After')) > 0)).toBe(true);
    expect(lookups).toBe(1);
    const warnings = relay.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'warn');
    expect(warnings).toEqual([
      expect.objectContaining({ msg: 'a revoked device is still calling the relay', deviceId: lost.deviceId }),
    ]);
    expect(relay.logLines.join('\n')).not.toContain(lost.token);

    // The next window: answered again, warned again, still without the database.
    clock.time += 60_000;
    const later = await relay.call('GET', '/pairs', { token: lost.token });
    expect(later.status).toBe(401);
    expect(later.body.error.code).toBe('unauthorized');
    expect(lookups).toBe(1);
    expect(relay.logLines.filter((line) => line.includes('still calling'))).toHaveLength(2);
    expect(await snapshot(db().sql)).toEqual(before);
    // The relay is fine: others are served.
    const other = await relay.register('Other');
    expect((await relay.call('GET', '/pairs', { token: other.token })).status).toBe(200);
  });
});
