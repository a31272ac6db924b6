import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pairChoices, queueQuestion } from '@/lib/ask/ask-backend-local';
import { toBase64Url } from '@/lib/protocol/base64url';
import type { BinomeDb } from '@/lib/db/db';
import { leavePair } from '@/lib/sync/leave-pair';
import { PairClosedError } from '@/lib/conversation/pair-errors';
import { pairStandingText } from '@/lib/conversation/pair-state';
import { syncAll } from '@/lib/sync/sync';
import { speak } from '../helpers/i18n';
import { RelayDouble } from '../helpers/relay-double';

const ask = (db: BinomeDb, pairId: string, text: string) => queueQuestion(db, { pairId, text, context: null });
const pairOf = async (db: BinomeDb, pairId: string) => (await db.pairs.get(pairId))!;
const questionsIn = async (db: BinomeDb) => (await db.threads.toArray()).map((thread) => thread.question).sort();

/** 0x04, then x = 1 and y = 1: the shape of an uncompressed P-256 point, but not on the curve. */
const OFF_CURVE_KEY = toBase64Url(new Uint8Array([4, ...new Uint8Array(31), 1, ...new Uint8Array(31), 1]));

describe('pairs, one at a time', () => {
  let relay: RelayDouble;
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    relay = new RelayDouble();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('a buddy with a garbage or off-curve key does not keep the other pairs from syncing', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const garbage = await relay.device('Garbage');
    const offCurve = await relay.device('Off curve');
    relay.devices.get(garbage.id)!.publicKey = 'not a key at all';
    relay.devices.get(offCurve.id)!.publicKey = OFF_CURVE_KEY;
    const withGarbage = await relay.pair(anne, garbage);
    const good = await relay.pair(anne, karim);
    const withOffCurve = await relay.pair(anne, offCurve);
    await syncAll(karim.deps);
    await ask(karim.db, good, 'Where is the budget file?');
    await syncAll(karim.deps);

    expect(await syncAll(anne.deps)).toMatchObject({ received: 1, reachable: true });
    expect(await questionsIn(anne.db)).toEqual(['Where is the budget file?']);
    expect(await pairOf(anne.db, withGarbage)).toMatchObject({ broken: 'bad_key', pairKey: null, peerPublicKey: null });
    expect(await pairOf(anne.db, withOffCurve)).toMatchObject({ broken: 'bad_key', pairKey: null });
    expect(await pairOf(anne.db, good)).toMatchObject({ broken: null });
    expect(pairStandingText(await pairOf(anne.db, withGarbage))).toBe(
      'Binôme cannot use the security key it received for Garbage, so this pair cannot be used: ask Garbage to pair again.',
    );
    expect((await pairChoices(anne.db)).map((choice) => choice.peerName)).toEqual(['Karim']);

    // Answering still works in the good pair, round after round.
    await ask(anne.db, good, 'And the slides?');
    expect(await syncAll(anne.deps)).toMatchObject({ sent: 1, reachable: true });
  });

  it('a pair whose sync fails unexpectedly is marked broken until it syncs again; the others go on', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const lea = await relay.device('Léa');
    const failing = await relay.pair(anne, lea);
    const good = await relay.pair(anne, karim);
    await syncAll(karim.deps);
    await syncAll(lea.deps);
    await ask(lea.db, failing, 'First from Léa');
    await ask(karim.db, good, 'From Karim');
    await syncAll(lea.deps);
    await syncAll(karim.deps);
    // The relay answers this pair's pull with an envelope that breaks the protocol.
    const valid = relay.messagesOf(failing)[0]!;
    relay.messagesOf(failing)[0] = { ...valid, senderDeviceId: 'not-a-uuid' };

    expect(await syncAll(anne.deps)).toMatchObject({ reachable: true });
    expect(await questionsIn(anne.db)).toEqual(['From Karim']);
    expect(await pairOf(anne.db, failing)).toMatchObject({ broken: 'sync_failed' });
    expect(pairStandingText(await pairOf(anne.db, failing))).toMatch(/^Binôme could not sync your messages with Léa\./);

    relay.messagesOf(failing)[0] = valid;
    await syncAll(anne.deps);
    expect(await pairOf(anne.db, failing)).toMatchObject({ broken: null });
    expect(await questionsIn(anne.db)).toEqual(['First from Léa', 'From Karim']);
  });

  it('leaving a pair is seen by both sides; nothing more can be asked in it and its log stays', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await syncAll(anne.deps);
    await syncAll(karim.deps);
    await ask(anne.db, pairId, 'Before leaving');
    await syncAll(anne.deps);
    await syncAll(karim.deps);
    // Each writes one more question before leaving or learning of it.
    const late = await ask(karim.db, pairId, 'Too late');
    const unsent = await ask(anne.db, pairId, 'Never sent');

    relay.now = 5_000;
    await leavePair(anne.deps, pairId);
    expect(await anne.db.outbox.get(unsent)).toMatchObject({ rejected: 'pair_ended' });
    expect(relay.pairs.get(pairId)).toMatchObject({ leftAt: 5_000, leftBy: anne.id });
    expect(await pairOf(anne.db, pairId)).toMatchObject({ leftAt: 5_000, leftByMe: true });
    expect(pairStandingText(await pairOf(anne.db, pairId))).toBe(
      'You left this pair. Its log stays, but nothing more can be sent in it.',
    );

    await syncAll(karim.deps);
    expect(await karim.db.outbox.get(late)).toMatchObject({ rejected: 'pair_ended' });
    expect(await pairOf(karim.db, pairId)).toMatchObject({ leftAt: 5_000, leftByMe: false });
    expect(pairStandingText(await pairOf(karim.db, pairId))).toBe(
      'Anne left this pair. Its log stays, but nothing more can be sent in it.',
    );
    for (const side of [anne, karim]) {
      expect(await pairChoices(side.db)).toEqual([]);
      await expect(ask(side.db, pairId, 'Still there?')).rejects.toBeInstanceOf(PairClosedError);
      expect(await questionsIn(side.db)).toContain('Before leaving');
    }
    // Anne's own round keeps her side as she left it.
    await syncAll(anne.deps);
    expect(await pairOf(anne.db, pairId)).toMatchObject({ leftByMe: true });
  });

  it('a pair the relay no longer knows can still be left here', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await syncAll(anne.deps);
    relay.pairs.delete(pairId);
    await leavePair(anne.deps, pairId);
    expect(await pairOf(anne.db, pairId)).toMatchObject({ leftByMe: true });
    expect(await pairChoices(anne.db)).toEqual([]);
  });

  it('a buddy whose device was revoked is shown, gets nothing more and cannot be picked', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await syncAll(anne.deps);
    const queued = await ask(anne.db, pairId, 'Are you there?');
    relay.devices.get(karim.id)!.revokedAt = 7_000;

    // The relay refuses the post for good: the outbox does not retry it forever.
    expect(await syncAll(anne.deps)).toMatchObject({ sent: 0, reachable: true, retryAt: null });
    expect(await anne.db.outbox.get(queued)).toMatchObject({ rejected: 'peer_revoked' });
    const pair = await pairOf(anne.db, pairId);
    expect(pair.peerRevokedAt).toBe(7_000);
    expect(pairStandingText(pair)).toBe('Karim’s device was removed from Binôme: ask Karim to pair again.');
    expect(await pairChoices(anne.db)).toEqual([]);
    await expect(ask(anne.db, pairId, 'Hello?')).rejects.toBeInstanceOf(PairClosedError);
  });

  it('an outbox item of a pair known to be over is refused without being posted', async () => {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await syncAll(anne.deps);
    const queued = await ask(anne.db, pairId, 'Written before the news');
    await anne.db.pairs.update(pairId, { peerRevokedAt: 7_000 });
    await syncAll(anne.deps);
    expect(await anne.db.outbox.get(queued)).toMatchObject({ rejected: 'peer_revoked' });
    expect(relay.messagesOf(pairId)).toEqual([]);
  });
});
