/** Programme payloads travel sealed like questions; the receiver checks schema, pair and roles. */
import { describe, expect, it } from 'vitest';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { encodePayload } from '@/lib/conversation/payloads';
import type { Envelope } from '@/lib/protocol/protocol';
import { charterState } from '@/lib/programme/charter';
import { composeProgrammeMessage } from '@/lib/programme/compose';
import { PayloadRefusedError } from '@/lib/conversation/payload-errors';
import { freshDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';

const OUTSIDER = '00000000-0000-4000-8000-0000000000ff';
const THREAD = '11111111-1111-4111-8111-111111111111';
const OBJECTIVE = '33333333-3333-4333-8333-333333333333';
const idFor = (seq: number) => `22222222-2222-4222-8222-${String(seq).padStart(12, '0')}`;

function envelope(seq: number, sender: string, kind: Envelope['kind'], payload: unknown, id = idFor(seq)): Promise<Envelope> {
  return sealedEnvelope({
    id,
    pairId: PAIR_ID,
    senderDeviceId: sender,
    kind,
    createdAt: 1000 + seq,
    seq,
    plaintext: JSON.stringify(payload),
  });
}

const charter = {
  type: 'charter',
  objectives: [{ id: OBJECTIVE, skill: 'excel/pivot-tables' }],
  rhythmWeeks: 2,
  endDate: '2026-06-30',
};

describe('programme payloads on arrival', () => {
  it('applies a proposal from the buddy and my acceptance, once however often delivered', async () => {
    const db = freshDb();
    const batch = [
      await envelope(1, PEER, 'goal', charter),
      await envelope(2, ME, 'goal', { type: 'charter-accept', proposalId: idFor(1) }),
    ];
    const first = await applyEnvelopes(db, testPair(), ME, batch);
    const again = await applyEnvelopes(db, testPair(), ME, [...batch].reverse());
    expect(first.outcomes.applied).toBe(2);
    expect(again.outcomes.duplicate).toBe(2);
    const state = charterState(await db.programmeItems.toArray());
    expect(state.agreed).toMatchObject({ proposalId: idFor(1), proposedByMe: false, rhythmWeeks: 2, endDate: '2026-06-30' });
    expect(state.pending).toBeNull();
  });

  it.each([
    [
      'ten objectives',
      { ...charter, objectives: Array.from({ length: 10 }, (_, index) => ({ id: idFor(100 + index), skill: `skill ${index}` })) },
    ],
    ['an end that is not a day', { ...charter, endDate: '2026-02-30' }],
    ['a rhythm of three weeks', { ...charter, rhythmWeeks: 3 }],
    ['no objective', { ...charter, objectives: [] }],
  ])('refuses a charter with %s and changes nothing', async (_, payload) => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [await envelope(1, PEER, 'goal', payload)]);
    expect(report.outcomes.rejected).toBe(1);
    expect(await db.programmeItems.count()).toBe(0);
  });

  it('refuses a charter or a kudos from a device outside the pair', async () => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [
      await envelope(1, OUTSIDER, 'goal', charter),
      await envelope(2, OUTSIDER, 'kudos', { type: 'kudos', qualities: ['patience'] }),
    ]);
    expect(report.outcomes.rejected).toBe(2);
    expect(await db.programmeItems.count()).toBe(0);
  });

  it('refuses a payload of one kind sent as another (a kudos inside an agenda envelope)', async () => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [
      await envelope(1, PEER, 'agenda', { type: 'kudos', qualities: ['clarity'] }),
    ]);
    expect(report.outcomes.rejected).toBe(1);
    expect(await db.programmeItems.count()).toBe(0);
  });

  it('refuses the buddy accepting their own proposal', async () => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [
      await envelope(1, PEER, 'goal', charter),
      await envelope(2, PEER, 'goal', { type: 'charter-accept', proposalId: idFor(1) }),
    ]);
    expect(report.outcomes).toMatchObject({ applied: 1, rejected: 1 });
    expect(charterState(await db.programmeItems.toArray()).agreed).toBeNull();
  });

  it('takes a kudos only from the asker of the question it thanks for', async () => {
    const db = freshDb();
    const question = await envelope(
      1,
      PEER,
      'question',
      JSON.parse(encodePayload('question', { threadId: THREAD, text: 'Pivot?', context: null })),
      THREAD,
    );
    const report = await applyEnvelopes(db, testPair(), ME, [
      question,
      // The buddy asked: the buddy may thank me, and never for a question I asked.
      await envelope(2, PEER, 'kudos', {
        type: 'kudos',
        qualities: ['patience', 'clarity'],
        message: 'Merci !',
        threadId: THREAD,
      }),
      await envelope(3, PEER, 'kudos', {
        type: 'kudos',
        qualities: ['patience'],
        threadId: '44444444-4444-4444-8444-444444444444',
      }),
    ]);
    expect(report.outcomes).toMatchObject({ applied: 2, rejected: 1 });
    const kudos = await db.programmeItems.toArray();
    expect(kudos.map((item) => item.payload)).toEqual([
      { type: 'kudos', qualities: ['patience', 'clarity'], message: 'Merci !', threadId: THREAD },
    ]);
  });

  it('refuses a kudos that names a quality outside the five, or one twice', async () => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [
      await envelope(1, PEER, 'kudos', { type: 'kudos', qualities: ['charm'] }),
      await envelope(2, PEER, 'kudos', { type: 'kudos', qualities: ['clarity', 'clarity'] }),
    ]);
    expect(report.outcomes.rejected).toBe(2);
  });
});

describe('composeProgrammeMessage', () => {
  it('seals, keeps and queues a message of the programme kinds', async () => {
    const db = freshDb();
    await db.pairs.put(testPair());
    const item = await composeProgrammeMessage(db, testPair(), { type: 'kudos', qualities: ['expertise'] }, 5000);
    expect(item).toMatchObject({ kind: 'kudos', fromMe: true, seq: null });
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({ id: item.id, kind: 'kudos', pairId: PAIR_ID });
    expect(queued!.payload).not.toContain('expertise');
  });

  it('refuses what the buddy would refuse, and queues nothing', async () => {
    const db = freshDb();
    const tooMany = { ...charter, objectives: Array.from({ length: 4 }, (_, index) => ({ id: idFor(index), skill: 'x' })) };
    await expect(composeProgrammeMessage(db, testPair(), tooMany as never)).rejects.toBeInstanceOf(PayloadRefusedError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.programmeItems.count()).toBe(0);
  });
});
