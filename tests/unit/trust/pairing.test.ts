/**
 * Pairing against a relay that tries to cheat: the real relay over HTTP, with a fetch in the
 * middle that rewrites what each browser receives, as whoever runs the relay could. Every
 * attack must end in "Pairing failed" on both screens, or in nothing at all — never in a pair
 * whose keys the relay chose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPublicKey, generateDeviceKeys } from '@/lib/trust/crypto';
import type { Identity } from '@/lib/db/db';
import { acceptInvite, createInvite } from '@/lib/sync/pairing';
import { drawInviteCode, splitInviteCode } from '@/lib/protocol/invite-code';
import { acceptPairing, confirmationMatches, finishPairing, startPairing } from '@/lib/trust/pairing-protocol';
import { RelayClient } from '@/lib/sync/relay-client';
import { safetyNumber } from '@/lib/trust/safety-number';
import { syncAll } from '@/lib/sync/sync';
import type { SyncDeps } from '@/lib/sync/deps';
import { startRelay, type RunningRelay } from '@/relay/server';
import { emptyDb } from '../helpers/db';

type Rewrite = (path: string, body: any) => any;

/** A browser whose relay answers pass through `rewrite` first. */
function browser(relay: () => string, rewrite: { current: Rewrite }) {
  const db = emptyDb();
  const fetchThroughRelay: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const path = new URL(String(input)).pathname;
    if (!response.ok || response.status === 204) return response;
    const body = rewrite.current(path, await response.json());
    return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
  const deps: SyncDeps = {
    db,
    client: (identity: Identity) => new RelayClient(identity.relayUrl, identity.token, fetchThroughRelay),
    now: Date.now,
  };
  return { db, deps, request: (displayName: string) => ({ relayUrl: relay(), displayName }) };
}

const honest: Rewrite = (_path, body) => body;

describe('pairing through a relay that tries to cheat', () => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await startRelay({ port: 0, log: () => {} });
  });
  afterAll(() => relay.close());

  function twoBrowsers() {
    const anneRelay = { current: honest };
    const hugoRelay = { current: honest };
    return {
      anne: browser(() => relay.url, anneRelay),
      hugo: browser(() => relay.url, hugoRelay),
      anneRelay,
      hugoRelay,
    };
  }

  /** Anne invites, Hugo types the code, then both browsers sync as they do every few seconds. */
  async function pairUp(anne: ReturnType<typeof browser>, hugo: ReturnType<typeof browser>) {
    const invite = await createInvite(anne.deps, { ...anne.request('Anne'), role: 'learner' });
    const joined = await acceptInvite(hugo.deps, { ...hugo.request('Hugo'), code: invite.code });
    await syncAll(anne.deps);
    await syncAll(hugo.deps);
    await syncAll(anne.deps);
    return {
      anne: await anne.db.pairings.get(invite.pairingId),
      hugo: await hugo.db.pairings.get(joined.id),
    };
  }

  it('pairs two honest browsers, each with the other’s real key and the same safety numbers', async () => {
    const { anne, hugo } = twoBrowsers();
    const status = await pairUp(anne, hugo);
    expect(status.anne?.status).toBe('paired');
    expect(status.hugo?.status).toBe('paired');
    // The SPAKE2 secret is gone once the exchange is over.
    expect(status.anne?.secret).toBeNull();
    const [annePair] = await anne.db.pairs.toArray();
    const [hugoPair] = await hugo.db.pairs.toArray();
    expect(annePair).toMatchObject({ peerName: 'Hugo', myRole: 'learner', peerPublicKey: hugoPair!.myPublicKey });
    expect(hugoPair).toMatchObject({ peerName: 'Anne', myRole: 'helper', peerPublicKey: annePair!.myPublicKey });
    const anneId = (await anne.db.identities.toArray())[0]!.deviceId;
    expect(await safetyNumber(hugoPair!.peerPublicKey!, hugoPair!.peerDeviceId)).toBe(
      await safetyNumber(annePair!.myPublicKey, anneId),
    );
  });

  it('a relay that swaps both keys is caught: pairing fails on both sides and no pair is recorded', async () => {
    const { anne, hugo, anneRelay, hugoRelay } = twoBrowsers();
    const relayKeyForAnne = await exportPublicKey((await generateDeviceKeys()).publicKey);
    const relayKeyForHugo = await exportPublicKey((await generateDeviceKeys()).publicKey);
    // Hugo is told Anne's key is the relay's; Anne is told Hugo's key is the relay's.
    hugoRelay.current = (path, body) =>
      path === '/invites/lookup' ? { ...body, inviter: { ...body.inviter, publicKey: relayKeyForHugo } } : body;
    anneRelay.current = (path, body) =>
      path === '/pairs'
        ? { pairs: body.pairs.map((p: any) => ({ ...p, peer: { ...p.peer, publicKey: relayKeyForAnne } })) }
        : body;
    const status = await pairUp(anne, hugo);
    expect(status.anne?.status).toBe('failed');
    expect(status.hugo?.status).toBe('failed');
    expect(await anne.db.pairs.count()).toBe(0);
    expect(await hugo.db.pairs.count()).toBe(0);
  });

  it('a relay that runs its own exchange with each side succeeds only if it guesses the code', () => {
    const code = drawInviteCode();
    const { nameplate } = splitInviteCode(code);
    const anne = { deviceId: crypto.randomUUID(), publicKey: 'anne-key' };
    const hugo = { deviceId: crypto.randomUUID(), publicKey: 'hugo-key' };
    const relayKey = 'relay-key';
    const binding = (inviterKey: string, accepterKey: string) => ({
      nameplate,
      pairId: 'pair',
      inviterRole: 'learner' as const,
      inviter: { ...anne, publicKey: inviterKey },
      accepter: { ...hugo, publicKey: accepterKey },
    });
    /** The relay poses as Hugo to Anne and as Anne to Hugo, with the code it guessed. */
    function attack(guess: string) {
      const anneSecret = startPairing('A', code);
      const fakeHugo = startPairing('B', guess);
      const towardAnne = acceptPairing(fakeHugo, anneSecret.share, binding(anne.publicKey, relayKey));
      const anneAccepts =
        finishPairing(anneSecret, { share: fakeHugo.share, confirm: towardAnne.confirm }, binding(anne.publicKey, relayKey)) !==
        null;
      const fakeAnne = startPairing('A', guess);
      const hugoSecret = startPairing('B', code);
      const hugoAnswer = acceptPairing(hugoSecret, fakeAnne.share, binding(relayKey, hugo.publicKey));
      const relayConfirm = finishPairing(
        fakeAnne,
        { share: hugoSecret.share, confirm: hugoAnswer.confirm },
        binding(relayKey, hugo.publicKey),
      );
      const hugoAccepts = relayConfirm !== null && confirmationMatches(hugoAnswer.expectedInviterConfirm, relayConfirm);
      return { anneAccepts, hugoAccepts };
    }
    const oneCharacterOff = code.slice(0, -1) + (code.endsWith('2') ? '3' : '2');
    expect(attack(oneCharacterOff)).toEqual({ anneAccepts: false, hugoAccepts: false });
    // The only way through: the password half of the code, 1 chance in 31^5 per invite.
    expect(attack(code)).toEqual({ anneAccepts: true, hugoAccepts: true });
  });

  it('a relay that tampers with the accepter’s confirmation is caught by the inviter, and both are told', async () => {
    const { anne, hugo, anneRelay } = twoBrowsers();
    anneRelay.current = (path, body) =>
      path === '/pairs'
        ? {
            pairs: body.pairs.map((p: any) =>
              p.pairing ? { ...p, pairing: { ...p.pairing, accepterConfirm: 'A'.repeat(43) } } : p,
            ),
          }
        : body;
    const status = await pairUp(anne, hugo);
    expect(status.anne?.status).toBe('failed');
    expect(status.hugo?.status).toBe('failed');
    expect(await anne.db.pairs.count()).toBe(0);
    expect(await hugo.db.pairs.count()).toBe(0);
  });

  it('a relay that forges the inviter’s confirmation is caught by the accepter, and the inviter is told', async () => {
    const { anne, hugo, hugoRelay } = twoBrowsers();
    hugoRelay.current = (path, body) =>
      path === '/pairs'
        ? {
            pairs: body.pairs.map((p: any) =>
              p.pairing?.inviterConfirm ? { ...p, pairing: { ...p.pairing, inviterConfirm: 'B'.repeat(43) } } : p,
            ),
          }
        : body;
    const status = await pairUp(anne, hugo);
    expect(status.hugo?.status).toBe('failed');
    expect(await hugo.db.pairs.count()).toBe(0);
    // Anne's browser had confirmed; it now marks the pair as failed on Hugo's side, so nothing is sent in it.
    const [annePair] = await anne.db.pairs.toArray();
    expect(annePair?.broken).toBe('pairing_failed');
  });

  it('a relay that swaps the roles is caught', async () => {
    const { anne, hugo, hugoRelay } = twoBrowsers();
    hugoRelay.current = (path, body) => (path === '/invites/lookup' ? { ...body, inviterRole: 'helper' } : body);
    const status = await pairUp(anne, hugo);
    expect(status.anne?.status).toBe('failed');
    expect(status.hugo?.status).toBe('failed');
  });

  it('never records a buddy the relay invents', async () => {
    const { anne, hugo, anneRelay } = twoBrowsers();
    await pairUp(anne, hugo);
    const stranger = await exportPublicKey((await generateDeviceKeys()).publicKey);
    const invented = (pairing: unknown) => ({
      pairId: crypto.randomUUID(),
      myRole: 'learner',
      peer: { deviceId: crypto.randomUUID(), displayName: 'IT Support', publicKey: stranger, revokedAt: null },
      createdAt: Date.now(),
      lastSeq: 0,
      leftAt: null,
      leftBy: null,
      pairing,
    });
    anneRelay.current = (path, body) =>
      path === '/pairs'
        ? {
            pairs: [
              ...body.pairs,
              invented(null),
              invented({
                nameplate: 'ABCD',
                inviterShare: 'x',
                accepterShare: 'y',
                accepterConfirm: 'z',
                inviterConfirm: 'w',
                failedAt: null,
              }),
            ],
          }
        : body;
    await syncAll(anne.deps);
    expect((await anne.db.pairs.toArray()).map((pair) => pair.peerName)).toEqual(['Hugo']);
  });
});
