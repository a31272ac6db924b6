import { describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '@/lib/protocol/base64url';
import { splitInviteCode } from '@/lib/protocol/invite-code';
import { startPairing } from '@/lib/trust/pairing-protocol';
import { acceptInviteResponse, createInviteResponse, listPairsResponse, lookupInviteResponse } from '@/lib/protocol/protocol';
import type { HubEvent } from '@/relay/hub';
import { backends, countRows, fakeClock, snapshot, testRelay, useRelayDatabase } from './harness';

const DAY = 24 * 60 * 60 * 1000;

describe.each(backends())('invites and pairs on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('keeps the nameplate and the inviter’s share for 24 hours, never the password half of the code', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register('Ana');
    const invitation = await relay.invite(ana);
    expect(invitation.expiresAt).toBe(clock.time + DAY);
    const { nameplate, password } = splitInviteCode(invitation.code);
    const rows = await db().sql.query('SELECT * FROM invites WHERE nameplate = $1', [nameplate]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(await snapshot(db().sql))).not.toContain(password);
  });

  it('answers the created invite with its expiry only: the code is the browser’s own', async () => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/invites', { token: (await relay.register()).token, json: relay.inviteBody() });
    expect(res.status).toBe(201);
    expect(Object.keys(createInviteResponse.parse(res.body))).toEqual(['expiresAt']);
  });

  it('takes its time to live from the options', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now, inviteTtlMs: 60_000 });
    const { expiresAt } = await relay.invite(await relay.register());
    expect(expiresAt).toBe(clock.time + 60_000);
  });

  it('pairs two devices: each sees the other’s name and key, with opposite roles, and the exchange to finish', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const invitation = await relay.invite(ana, 'helper');

    const found = await relay.call('POST', '/invites/lookup', {
      token: bob.token,
      json: { nameplate: splitInviteCode(invitation.code).nameplate },
    });
    expect(lookupInviteResponse.parse(found.body)).toMatchObject({
      inviter: { deviceId: ana.deviceId, displayName: 'Ana', publicKey: ana.publicKey },
      inviterRole: 'helper',
      share: invitation.secret.share,
    });

    const accepted = await relay.accept(bob, invitation.code);
    expect(accepted.status).toBe(201);
    const { pair } = acceptInviteResponse.parse(accepted.body);
    expect(pair).toMatchObject({
      myRole: 'learner',
      peer: { deviceId: ana.deviceId, displayName: 'Ana', publicKey: ana.publicKey },
      lastSeq: 0,
      pairing: {
        nameplate: splitInviteCode(invitation.code).nameplate,
        inviterShare: invitation.secret.share,
        inviterConfirm: null,
        failedAt: null,
      },
    });

    const anaPairs = listPairsResponse.parse((await relay.call('GET', '/pairs', { token: ana.token })).body).pairs;
    expect(anaPairs).toEqual([
      {
        pairId: pair.pairId,
        myRole: 'helper',
        peer: { deviceId: bob.deviceId, displayName: 'Bob', publicKey: bob.publicKey, revokedAt: null },
        createdAt: pair.createdAt,
        lastSeq: 0,
        pairing: pair.pairing,
        leftAt: null,
        leftBy: null,
      },
    ]);
    const bobPairs = listPairsResponse.parse((await relay.call('GET', '/pairs', { token: bob.token })).body).pairs;
    expect(bobPairs).toEqual([pair]);

    expect((await relay.confirm(invitation, pair.pairId)).status).toBe(204);
    const confirmed = listPairsResponse.parse((await relay.call('GET', '/pairs', { token: bob.token })).body).pairs[0]!;
    expect(confirmed.pairing?.inviterConfirm).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('takes no message in a pair until the inviter confirmed it, nor after someone said it failed', async () => {
    const relay = testRelay(db());
    const [ana, bob] = [await relay.register(), await relay.register()];
    const invitation = await relay.invite(ana);
    const { pairId } = (await relay.accept(bob, invitation.code)).body.pair;
    expect((await relay.post(bob, pairId)).status).toBe(404);
    expect((await relay.confirm(invitation, pairId)).status).toBe(204);
    expect((await relay.post(bob, pairId)).status).toBe(201);

    const other = await relay.invite(ana);
    const failedPair = (await relay.accept(await relay.register(), other.code)).body.pair.pairId;
    expect((await relay.call('POST', `/pairs/${failedPair}/confirm`, { token: ana.token, json: { failed: true } })).status).toBe(
      204,
    );
    expect((await relay.post(ana, failedPair)).status).toBe(404);
    // Once failed, a confirmation cannot revive it.
    const late = await relay.call('POST', `/pairs/${failedPair}/confirm`, {
      token: ana.token,
      json: { confirm: toBase64Url(new Uint8Array(32)) },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('pairing_failed');
  });

  it('lets only the inviter confirm, once, and either member say it failed', async () => {
    const relay = testRelay(db());
    const [ana, bob, eve] = [await relay.register(), await relay.register(), await relay.register()];
    const invitation = await relay.invite(ana);
    const { pairId } = (await relay.accept(bob, invitation.code)).body.pair;
    const someConfirm = { confirm: toBase64Url(new Uint8Array(32).fill(7)) };
    expect((await relay.call('POST', `/pairs/${pairId}/confirm`, { token: bob.token, json: someConfirm })).status).toBe(409);
    expect((await relay.call('POST', `/pairs/${pairId}/confirm`, { token: eve.token, json: { failed: true } })).status).toBe(404);
    expect((await relay.confirm(invitation, pairId)).status).toBe(204);
    expect((await relay.confirm(invitation, pairId)).status).toBe(204); // the same one again: a retry
    expect((await relay.call('POST', `/pairs/${pairId}/confirm`, { token: ana.token, json: someConfirm })).status).toBe(409);
    expect((await relay.call('POST', `/pairs/${pairId}/confirm`, { token: bob.token, json: { failed: true } })).status).toBe(204);
    const { pairs } = (await relay.call('GET', '/pairs', { token: ana.token })).body;
    expect(pairs[0].pairing.failedAt).toEqual(expect.any(Number));
  });

  it('shows a peer’s new name', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    await relay.pair(ana, bob);
    await relay.call('PATCH', '/devices/me', { token: ana.token, json: { displayName: 'Ana M.' } });
    const { pairs } = (await relay.call('GET', '/pairs', { token: bob.token })).body;
    expect(pairs[0].peer).toMatchObject({ displayName: 'Ana M.', publicKey: ana.publicKey });
  });

  it('pairs only devices that have a key: the exchange authenticates the keys it covers', async () => {
    const relay = testRelay(db());
    const registered = await relay.call('POST', '/devices', { json: { displayName: 'Keyless' } });
    const keyless = { ...registered.body, displayName: 'Keyless', publicKey: '' };
    const before = await countRows(db().sql, 'invites');
    const created = await relay.call('POST', '/invites', { token: keyless.token, json: relay.inviteBody() });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(/key/);
    expect(await countRows(db().sql, 'invites')).toBe(before);
    const { code } = await relay.invite(await relay.register());
    expect((await relay.accept(keyless, code)).status).toBe(400);
  });

  it('tells the inviter’s streams when the buddy accepts, and the accepter’s when the inviter confirms', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const anaEvents: HubEvent[] = [];
    const bobEvents: HubEvent[] = [];
    const unsubscribe = [
      db().hub.subscribe(ana.deviceId, (event) => anaEvents.push(event)),
      db().hub.subscribe(bob.deviceId, (event) => bobEvents.push(event)),
    ];
    try {
      const invitation = await relay.invite(ana);
      const { pairId } = (await relay.accept(bob, invitation.code)).body.pair;
      await vi.waitFor(() => expect(anaEvents).toContainEqual({ type: 'pairs-changed' }));
      bobEvents.length = 0;
      await relay.confirm(invitation, pairId);
      await vi.waitFor(() => expect(bobEvents).toContainEqual({ type: 'pairs-changed' }));
    } finally {
      for (const stop of unsubscribe) stop();
    }
  });

  it('finds a nameplate typed in lower case', async () => {
    const relay = testRelay(db());
    const { code } = await relay.invite(await relay.register());
    const nameplate = splitInviteCode(code).nameplate.toLowerCase();
    expect(
      (await relay.call('POST', '/invites/lookup', { token: (await relay.register()).token, json: { nameplate } })).status,
    ).toBe(200);
  });

  it('refuses an expired invite with 410 and creates no pair', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register();
    const bob = await relay.register();
    const { code } = await relay.invite(ana);
    clock.time += DAY;
    const pairsBefore = await countRows(db().sql, 'pairs');
    const res = await relay.accept(bob, code);
    expect(res.status).toBe(410);
    expect(res.body.error).toEqual({
      code: 'invite_expired',
      message: 'This invite code has expired. Ask your buddy for a new one.',
    });
    expect(await countRows(db().sql, 'pairs')).toBe(pairsBefore);
  });

  it('accepts an invite one millisecond before it expires', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    clock.time += DAY - 1;
    expect((await relay.accept(await relay.register(), code)).status).toBe(201);
  });

  it('refuses a used invite with 409', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    await relay.accept(await relay.register(), code);
    const again = await relay.accept(await relay.register(), code);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invite_used');
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const [bob, cleo] = [await relay.register(), await relay.register()];
    const { code } = await relay.invite(ana);
    const pairsBefore = await countRows(db().sql, 'pairs');
    const results = await Promise.all([bob, cleo].map((d) => relay.accept(d, code)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows(db().sql, 'pairs')).toBe(pairsBefore + 1);
  });

  it('refuses an answer to a share the invite no longer has (replaced in between), writing nothing', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now, inviteTtlMs: 1000 });
    const ana = await relay.register();
    const bob = await relay.register();
    const { code } = await relay.invite(ana);
    const { nameplate } = splitInviteCode(code);
    const found = await relay.call('POST', '/invites/lookup', { token: bob.token, json: { nameplate } });
    clock.time += 1000;
    // Expired, then drawn again by someone else: same nameplate, another share.
    const replaced = startPairing('A', code);
    await relay.call('POST', '/invites', {
      token: (await relay.register()).token,
      json: { role: 'learner', nameplate, share: replaced.share },
    });
    const before = await countRows(db().sql, 'pairs');
    const res = await relay.call('POST', '/invites/accept', {
      token: bob.token,
      json: {
        nameplate,
        pairId: crypto.randomUUID(),
        inviterShare: found.body.share,
        share: startPairing('B', code).share,
        confirm: toBase64Url(new Uint8Array(32)),
      },
    });
    expect(res.status).toBe(404);
    expect(await countRows(db().sql, 'pairs')).toBe(before);
  });

  it('refuses a pair id that already exists with 409, leaving the invite open', async () => {
    const relay = testRelay(db());
    const [ana, bob, cleo] = [await relay.register(), await relay.register(), await relay.register()];
    const { pairId } = await relay.pair(ana, bob);
    const { code } = await relay.invite(ana);
    const res = await relay.accept(cleo, code, pairId);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect((await relay.accept(cleo, code)).status).toBe(201);
  });

  it('refuses a share that is not a point of P-256, at creation and at acceptance', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const offCurve = new Uint8Array(65).fill(9);
    offCurve[0] = 4;
    const body = { ...relay.inviteBody(), share: toBase64Url(offCurve) };
    const before = await countRows(db().sql, 'invites');
    const created = await relay.call('POST', '/invites', { token: ana.token, json: body });
    expect(created.status).toBe(400);
    expect(await countRows(db().sql, 'invites')).toBe(before);

    const { code } = await relay.invite(ana);
    const bob = await relay.register();
    const { nameplate } = splitInviteCode(code);
    const found = await relay.call('POST', '/invites/lookup', { token: bob.token, json: { nameplate } });
    const res = await relay.call('POST', '/invites/accept', {
      token: bob.token,
      json: {
        nameplate,
        pairId: crypto.randomUUID(),
        inviterShare: found.body.share,
        share: toBase64Url(offCurve),
        confirm: toBase64Url(new Uint8Array(32)),
      },
    });
    expect(res.status).toBe(400);
    expect((await relay.accept(bob, code)).status).toBe(201);
  });

  it('refuses a nameplate already open with 409, so the browser draws another', async () => {
    const relay = testRelay(db());
    const body = relay.inviteBody();
    expect((await relay.call('POST', '/invites', { token: (await relay.register()).token, json: body })).status).toBe(201);
    const again = await relay.call('POST', '/invites', { token: (await relay.register()).token, json: body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('refuses one’s own invite with 400', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    const res = await relay.accept(ana, code);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invite_own');
    // Still usable by the buddy it was meant for.
    expect((await relay.accept(await relay.register(), code)).status).toBe(201);
  });

  it.each(['ABCD-EFGH', 'hello', '0000-0000', ''])('answers an unknown or malformed code (%s) with 404', async (code) => {
    const relay = testRelay(db());
    const res = await relay.accept(await relay.register(), code);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('invite_invalid');
  });

  it('treats the invite of a revoked device as unknown', async () => {
    const relay = testRelay(db());
    const ana = await relay.register();
    const { code } = await relay.invite(ana);
    await relay.call('DELETE', '/devices/me', { token: ana.token });
    const res = await relay.accept(await relay.register(), code);
    expect(res.status).toBe(404);
  });

  it('refuses an unknown role with 400', async () => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/invites', {
      token: (await relay.register()).token,
      json: { ...relay.inviteBody(), role: 'boss' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
