import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { acceptInviteResponse, createInviteResponse, formatInviteCode, INVITE_ALPHABET, listPairsResponse } from '@/lib/protocol';
import type { HubEvent } from '@/relay/hub';
import { backends, countRows, fakeClock, newPublicKey, testRelay, useRelayDatabase } from './harness';

const DAY = 24 * 60 * 60 * 1000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(backends())('invites and pairs on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('creates an 8-character code that expires in 24 hours and is stored hashed', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register('Ana');
    const res = await relay.call('POST', '/invites', { token: ana.token, json: { role: 'learner' } });
    expect(res.status).toBe(201);
    const { code, expiresAt } = createInviteResponse.parse(res.body);
    expect(code).toHaveLength(8);
    for (const ch of code) expect(INVITE_ALPHABET).toContain(ch);
    expect(expiresAt).toBe(clock.time + DAY);
    const rows = await db().sql.query('SELECT * FROM invites WHERE code_hash = $1', [sha256(code)]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('takes its time to live from the options', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now, inviteTtlMs: 60_000 });
    const { expiresAt } = await relay.invite(await relay.register());
    expect(expiresAt).toBe(clock.time + 60_000);
  });

  it('pairs two devices: each sees the other’s name and key, with opposite roles', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const { code } = await relay.invite(ana, 'helper');

    const accepted = await relay.call('POST', '/invites/accept', { token: bob.token, json: { code } });
    expect(accepted.status).toBe(201);
    const { pair } = acceptInviteResponse.parse(accepted.body);
    expect(pair).toMatchObject({
      myRole: 'learner',
      peer: { deviceId: ana.deviceId, displayName: 'Ana', publicKey: ana.publicKey },
      lastSeq: 0,
    });

    const anaPairs = listPairsResponse.parse((await relay.call('GET', '/pairs', { token: ana.token })).body).pairs;
    const bobPairs = listPairsResponse.parse((await relay.call('GET', '/pairs', { token: bob.token })).body).pairs;
    expect(anaPairs).toEqual([
      {
        pairId: pair.pairId,
        myRole: 'helper',
        peer: { deviceId: bob.deviceId, displayName: 'Bob', publicKey: bob.publicKey, revokedAt: null },
        createdAt: pair.createdAt,
        lastSeq: 0,
        leftAt: null,
        leftBy: null,
      },
    ]);
    expect(bobPairs).toEqual([pair]);
  });

  it('shows a peer’s new name, and the key it set after pairing', async () => {
    const relay = testRelay(db());
    const registered = await relay.call('POST', '/devices', { json: { displayName: 'Ana' } });
    const ana = { ...registered.body, displayName: 'Ana', publicKey: '' };
    const keySetLater = newPublicKey();
    const bob = await relay.register('Bob');
    await relay.pair(ana, bob);
    expect((await relay.call('GET', '/pairs', { token: bob.token })).body.pairs[0].peer.publicKey).toBeNull();
    await relay.call('PATCH', '/devices/me', { token: ana.token, json: { displayName: 'Ana M.', publicKey: keySetLater } });
    const { pairs } = (await relay.call('GET', '/pairs', { token: bob.token })).body;
    expect(pairs[0].peer).toMatchObject({ displayName: 'Ana M.', publicKey: keySetLater });
  });

  it('tells the inviter’s streams that their pairs changed', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const events: HubEvent[] = [];
    const unsubscribe = db().hub.subscribe(ana.deviceId, (event) => events.push(event));
    try {
      await relay.pair(ana, bob);
      await vi.waitFor(() => expect(events).toContainEqual({ type: 'pairs-changed' }));
    } finally {
      unsubscribe();
    }
  });

  it('accepts a code typed in lower case, with a dash or spaces', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    for (const typed of [(c: string) => formatInviteCode(c).toLowerCase(), (c: string) => ` ${c.slice(0, 4)} ${c.slice(4)} `]) {
      const bob = await relay.register();
      const { code } = await relay.invite(ana);
      const res = await relay.call('POST', '/invites/accept', { token: bob.token, json: { code: typed(code) } });
      expect(res.status).toBe(201);
    }
  });

  it('refuses an expired invite with 410 and creates no pair', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register();
    const bob = await relay.register();
    const { code } = await relay.invite(ana);
    clock.time += DAY;
    const pairsBefore = await countRows(db().sql, 'pairs');
    const res = await relay.call('POST', '/invites/accept', { token: bob.token, json: { code } });
    expect(res.status).toBe(410);
    expect(res.body.error).toEqual({ code: 'invite_expired', message: 'This invite code has expired. Ask your buddy for a new one.' });
    expect(await countRows(db().sql, 'pairs')).toBe(pairsBefore);
  });

  it('accepts an invite one millisecond before it expires', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    clock.time += DAY - 1;
    const res = await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } });
    expect(res.status).toBe(201);
  });

  it('refuses a used invite with 409', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } });
    const again = await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invite_used');
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const [bob, cleo] = [await relay.register(), await relay.register()];
    const { code } = await relay.invite(ana);
    const pairsBefore = await countRows(db().sql, 'pairs');
    const results = await Promise.all(
      [bob, cleo].map((d) => relay.call('POST', '/invites/accept', { token: d.token, json: { code } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows(db().sql, 'pairs')).toBe(pairsBefore + 1);
  });

  it('refuses one’s own invite with 400', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    const res = await relay.call('POST', '/invites/accept', { token: ana.token, json: { code } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invite_own');
    // Still usable by the buddy it was meant for.
    expect((await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } })).status).toBe(201);
  });

  it.each(['ABCD-EFGH', 'hello', '0000-0000', ''])('answers an unknown or malformed code (%s) with 404', async (code) => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('invite_invalid');
  });

  it('treats the invite of a revoked device as unknown', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    await relay.call('DELETE', '/devices/me', { token: ana.token });
    const res = await relay.call('POST', '/invites/accept', { token: (await relay.register()).token, json: { code } });
    expect(res.status).toBe(404);
  });

  it('refuses an unknown role with 400', async () => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/invites', { token: (await relay.register()).token, json: { role: 'boss' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
