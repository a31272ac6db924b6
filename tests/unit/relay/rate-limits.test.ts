/**
 * Rate limits: counted in the database (shared by relay instances), injected tiny here with a
 * fake clock. Windows are aligned on the epoch; fakeClock() starts on a minute boundary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/protocol/protocol';
import type { CreateAppOptions } from '@/relay/app';
import { addressKey, DEFAULT_RATE_LIMITS, NO_RATE_LIMITS, resolveRateLimits, type RateLimits } from '@/relay/rate-limit';
import { startRelay, type RunningRelay } from '@/relay/server';
import {
  backends,
  countRows,
  fakeClock,
  newSchemaName,
  snapshot,
  testRelay,
  useRelayDatabase,
  type Device,
  type TestRelay,
} from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const minute = (max: number) => ({ max, windowMs: MINUTE });
const only = (limits: Partial<RateLimits>): RateLimits => ({ ...NO_RATE_LIMITS, ...limits });

/** Well-formed codes that match no invite (the odds of a collision are 1 in 8.5e11 per draw). */
const WRONG_CODES = ['ABCDEFGH', 'HGFEDCBA', 'ZZZZ2222', '23456789', 'QWERTYUP', 'MNBVCXZA', 'PPPPQQQQ', 'RSTUVWXY'];

function expectRateLimited(res: { status: number; body: unknown; headers: Headers }, retryAfterSeconds?: number) {
  expect(res.status).toBe(429);
  const { error } = errorResponse.parse(res.body);
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(/^[A-Z].*\.$/);
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  if (retryAfterSeconds !== undefined) expect(retryAfter).toBe(retryAfterSeconds);
}

describe.each(backends())('rate limits on $name', (backend) => {
  const db = useRelayDatabase(backend);

  /** A relay with only the given limits on, a fake clock, and the client address of our choice. */
  function limitedRelay(
    limits: Partial<RateLimits>,
    address = '203.0.113.1',
    clock = fakeClock(),
    options: Partial<CreateAppOptions> = {},
  ) {
    const relay = testRelay(db(), { now: clock.now, rateLimits: only(limits), clientAddress: () => address, ...options });
    return Object.assign(relay, { clock });
  }
  const accept = (relay: TestRelay, device: Device, code: string) => relay.accept(device, code);

  describe('invite acceptance', () => {
    it('locks a device out after its failed accepts, even for the right code, until the window ends', async () => {
      const relay = limitedRelay({ failedAcceptsPerDevice: minute(3) });
      const [ana, bob] = [await relay.register(), await relay.register()];
      const { code } = await relay.invite(ana);
      for (const wrong of WRONG_CODES.slice(0, 3)) expect((await accept(relay, bob, wrong)).status).toBe(404);

      relay.clock.time += 15_000;
      const before = await snapshot(db().sql);
      const locked = await accept(relay, bob, code);
      expectRateLimited(locked, 45);
      expect(locked.body.error.message).toBe('Too many attempts. Wait a minute, then try again.');
      // Refused before the code is even looked up: nothing changed, not even the counters.
      expect(await snapshot(db().sql)).toEqual(before);

      relay.clock.time += 45_000;
      expect((await accept(relay, bob, code)).status).toBe(201);
    });

    it('counts only codes that match no invite: own, used and expired ones are not guesses', async () => {
      const relay = limitedRelay({ failedAcceptsPerDevice: minute(1) });
      const [ana, bob, cleo] = [await relay.register(), await relay.register(), await relay.register()];
      const own = await relay.invite(bob);
      expect((await accept(relay, bob, own.code)).status).toBe(400);
      const used = await relay.invite(ana);
      await accept(relay, cleo, used.code);
      expect((await accept(relay, bob, used.code)).status).toBe(409);
      const expiring = limitedRelay({}, '203.0.113.1', relay.clock, { inviteTtlMs: 1 });
      const expired = await expiring.invite(ana);
      relay.clock.time += 1;
      expect((await accept(relay, bob, expired.code)).status).toBe(410);
      const right = await relay.invite(ana);
      expect((await accept(relay, bob, right.code)).status).toBe(201);

      expect((await accept(relay, bob, WRONG_CODES[0]!)).status).toBe(404);
      expectRateLimited(await accept(relay, bob, WRONG_CODES[1]!));
    });

    it('counts malformed codes as failures too', async () => {
      const relay = limitedRelay({ failedAcceptsPerDevice: minute(2) });
      const bob = await relay.register();
      expect((await accept(relay, bob, 'nope')).status).toBe(404);
      expect((await accept(relay, bob, '')).status).toBe(404);
      expectRateLimited(await accept(relay, bob, 'ABCD'));
    });

    it('limits failed accepts per client address, whatever the device', async () => {
      const relay = limitedRelay({ failedAcceptsPerAddress: minute(3) }, '198.51.100.7');
      const devices = [await relay.register(), await relay.register(), await relay.register(), await relay.register()];
      for (const [i, device] of devices.slice(0, 3).entries())
        expect((await accept(relay, device, WRONG_CODES[i]!)).status).toBe(404);
      expectRateLimited(await accept(relay, devices[3]!, WRONG_CODES[3]!));

      // Another address has a budget of its own; the same address over IPv6 /64 shares one.
      const elsewhere = limitedRelay({ failedAcceptsPerAddress: minute(3) }, '192.0.2.1', relay.clock);
      expect((await accept(elsewhere, devices[3]!, WRONG_CODES[4]!)).status).toBe(404);
      const v6 = (address: string) => limitedRelay({ failedAcceptsPerAddress: minute(1) }, address, relay.clock);
      expect((await accept(v6('2001:db8:1:2::1'), devices[0]!, WRONG_CODES[5]!)).status).toBe(404);
      expectRateLimited(await accept(v6('2001:db8:1:2:ffff:ffff:ffff:ffff'), devices[1]!, WRONG_CODES[6]!));
    });

    it('never lets other people’s wrong codes deny a correct one, however many addresses they use', async () => {
      const clock = fakeClock();
      // The defaults, as a real relay runs them: the relay-wide ceiling that used to lock every
      // code after 20 failures a minute is gone.
      const from = (address: string) => testRelay(db(), { now: clock.now, clientAddress: () => address });
      const inviter = from('192.0.2.10');
      const ana = await inviter.register();
      const { code } = await inviter.invite(ana);
      for (let i = 0; i < 40; i++) {
        const attacker = from(`192.0.2.${100 + (i % 20)}`);
        expect((await accept(attacker, await attacker.register(), WRONG_CODES[i % WRONG_CODES.length]!)).status).toBe(404);
      }
      const buddyRelay = from('192.0.2.99');
      expect((await accept(buddyRelay, await buddyRelay.register(), code)).status).toBe(201);
    });

    it('limits accepts per device and per address, right codes included', async () => {
      const relay = limitedRelay({ acceptsPerDevice: minute(2), acceptsPerAddress: minute(3) });
      const [ana, bob, cleo] = [await relay.register(), await relay.register(), await relay.register()];
      expect((await accept(relay, bob, (await relay.invite(ana)).code)).status).toBe(201);
      expect((await accept(relay, bob, (await relay.invite(cleo)).code)).status).toBe(201);
      expectRateLimited(await accept(relay, bob, (await relay.invite(ana)).code));
      expect((await accept(relay, cleo, WRONG_CODES[0]!)).status).toBe(404);
      // Bob's refused third accept was not counted for the address: this is its fourth.
      expectRateLimited(await accept(relay, ana, WRONG_CODES[1]!));
    });

    it('cannot be outrun by parallel guesses: each one is counted before its code is tried', async () => {
      const relay = limitedRelay({ failedAcceptsPerDevice: minute(3) });
      const bob = await relay.register();
      const results = await Promise.all(WRONG_CODES.map((wrong) => accept(relay, bob, wrong)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([404, 404, 404, 429, 429, 429, 429, 429]);
    });

    it('shares its counters between relay instances on one database', async () => {
      const clock = fakeClock();
      const first = limitedRelay({ failedAcceptsPerDevice: minute(2) }, '203.0.113.5', clock);
      const second = limitedRelay({ failedAcceptsPerDevice: minute(2) }, '203.0.113.5', clock);
      const bob = await first.register();
      expect((await accept(first, bob, WRONG_CODES[0]!)).status).toBe(404);
      expect((await accept(second, bob, WRONG_CODES[1]!)).status).toBe(404);
      expectRateLimited(await accept(first, bob, WRONG_CODES[2]!));
      expectRateLimited(await accept(second, bob, WRONG_CODES[2]!));
    });
  });

  describe('registration', () => {
    it('limits registrations per client address and writes nothing when refusing', async () => {
      const relay = limitedRelay({ registerPerAddress: { max: 2, windowMs: HOUR } }, '198.51.100.20');
      await relay.register();
      await relay.register();
      relay.clock.time += 20 * MINUTE;
      const devices = await countRows(db().sql, 'devices');
      const refused = await relay.call('POST', '/devices', { json: { displayName: 'Third' } });
      expectRateLimited(refused, 40 * 60);
      expect(refused.body.error.message).toBe('Too many attempts. Wait 40 minutes, then try again.');
      expect(await countRows(db().sql, 'devices')).toBe(devices);

      const elsewhere = limitedRelay({ registerPerAddress: { max: 2, windowMs: HOUR } }, '198.51.100.21', relay.clock);
      expect((await elsewhere.call('POST', '/devices', { json: { displayName: 'Elsewhere' } })).status).toBe(201);
      relay.clock.time += 40 * MINUTE;
      expect((await relay.call('POST', '/devices', { json: { displayName: 'Next hour' } })).status).toBe(201);
    });

    it('checks the body first: an invalid registration costs nothing', async () => {
      const relay = limitedRelay({ registerPerAddress: minute(1) }, '198.51.100.30');
      for (let i = 0; i < 3; i++) expect((await relay.call('POST', '/devices', { json: { displayName: '' } })).status).toBe(400);
      expect((await relay.call('POST', '/devices', { json: { displayName: 'Valid' } })).status).toBe(201);
    });
  });

  describe('invite creation', () => {
    it('limits invites created per device', async () => {
      const relay = limitedRelay({ invitesPerDevice: minute(2) });
      const [ana, bob] = [await relay.register(), await relay.register()];
      await relay.invite(ana);
      await relay.invite(ana);
      const invites = await countRows(db().sql, 'invites');
      expectRateLimited(await relay.call('POST', '/invites', { token: ana.token, json: relay.inviteBody() }), 60);
      expect(await countRows(db().sql, 'invites')).toBe(invites);
      await relay.invite(bob); // another device's budget
    });

    it('caps the open invites of a device until one is used or expires', async () => {
      const app = limitedRelay({ openInvitesPerDevice: 2, invitesPerDevice: minute(3) }, '203.0.113.1', fakeClock(), {
        inviteTtlMs: HOUR,
      });
      const [ana, bob] = [await app.register(), await app.register()];
      const first = await app.invite(ana);
      app.clock.time += 10 * MINUTE;
      await app.invite(ana);
      const refused = await app.call('POST', '/invites', { token: ana.token, json: app.inviteBody() });
      expectRateLimited(refused, 50 * 60); // when the first one expires
      expect(refused.body.error.message).toBe(
        'This device already has 2 invite codes waiting to be used. Give one of them to your buddy, or wait until one expires, then try again.',
      );
      // The refused creation did not spend the per-device budget (3): a used invite frees a place.
      expect((await accept(app, bob, first.code)).status).toBe(201);
      await app.invite(ana);
      expectRateLimited(await app.call('POST', '/invites', { token: ana.token, json: app.inviteBody() }));
      app.clock.time += 60 * MINUTE; // both open ones, made at 10 minutes, expire at 70
      await app.invite(ana);
    });
  });

  it('keeps no device id, address or code in clear in its table, and sweeps old windows', async () => {
    const relay = limitedRelay({ failedAcceptsPerDevice: minute(5), failedAcceptsPerAddress: minute(5) }, '203.0.113.77');
    const bob = await relay.register();
    await accept(relay, bob, WRONG_CODES[0]!);
    const rows = await db().sql.query('SELECT * FROM rate_limits');
    expect(rows.length).toBeGreaterThan(0);
    for (const secret of [bob.deviceId, '203.0.113.77', WRONG_CODES[0]!]) expect(JSON.stringify(rows)).not.toContain(secret);

    relay.clock.time += 3 * MINUTE; // more than a minute after the window ended
    await accept(relay, bob, WRONG_CODES[1]!);
    const windows = await db().sql.query<{ window_end: unknown }>('SELECT window_end FROM rate_limits');
    for (const { window_end } of windows) expect(Number(window_end)).toBeGreaterThan(relay.clock.time - MINUTE);
  });

  describe('over HTTP', () => {
    const running: RunningRelay[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((relay) => relay.close()));
    });
    const start = async (options: Parameters<typeof startRelay>[0] = {}) => {
      const relay = await startRelay({ port: 0, log: () => {}, sql: db().sql, hubChannel: newSchemaName(), ...options });
      running.push(relay);
      return relay;
    };
    const register = (relay: RunningRelay, headers: Record<string, string> = {}) =>
      fetch(`${relay.url}/devices`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'chrome-extension://abc', ...headers },
        body: JSON.stringify({ displayName: 'Over HTTP' }),
      });

    it('counts per socket address, and lets the extension read Retry-After', async () => {
      // Counters are shared by the file's relays: a fresh clock hour keeps this test's own.
      const clock = fakeClock(1_900_000_000_000);
      const relay = await start({ now: clock.now, rateLimits: only({ registerPerAddress: { max: 2, windowMs: HOUR } }) });
      expect((await register(relay)).status).toBe(201);
      expect((await register(relay)).status).toBe(201);
      const refused = await register(relay, { 'X-Forwarded-For': '192.0.2.44' }); // not trusted by default
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(refused.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/i);
      expect(errorResponse.parse(await refused.json()).error.code).toBe('rate_limited');
    });

    it('reads the client from X-Forwarded-For behind trusted proxies, ignoring what the client wrote', async () => {
      const clock = fakeClock(1_900_000_000_000 + 10 * HOUR);
      const relay = await start({
        now: clock.now,
        trustedProxies: 1,
        rateLimits: only({ registerPerAddress: { max: 1, windowMs: HOUR } }),
      });
      expect((await register(relay, { 'X-Forwarded-For': '192.0.2.1' })).status).toBe(201);
      expect((await register(relay, { 'X-Forwarded-For': '192.0.2.2' })).status).toBe(201);
      // A client cannot escape by writing its own entries: the proxy's (rightmost) one counts.
      expect((await register(relay, { 'X-Forwarded-For': '10.9.8.7, 192.0.2.1' })).status).toBe(429);
    });
  });
});

describe('rate limit settings', () => {
  it('merges overrides over the defaults and refuses nonsense', () => {
    expect(resolveRateLimits({ openInvitesPerDevice: 3 })).toEqual({ ...DEFAULT_RATE_LIMITS, openInvitesPerDevice: 3 });
    expect(() => resolveRateLimits({ registerPerAddress: { max: -1, windowMs: HOUR } })).toThrow(/registerPerAddress/);
    expect(() => resolveRateLimits({ registerPerAddress: { max: 1, windowMs: 0 } })).toThrow(/registerPerAddress/);
    expect(() => resolveRateLimits({ openInvitesPerDevice: 1.5 })).toThrow(/openInvitesPerDevice/);
    expect(resolveRateLimits(NO_RATE_LIMITS)).toEqual(NO_RATE_LIMITS);
  });

  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
    ['192.0.2.1, 10.0.0.1', 'unknown'],
  ])('counts %s as %s', (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });
});
