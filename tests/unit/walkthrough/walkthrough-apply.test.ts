/**
 * An answer carrying a walkthrough is kept with its message, as validated; one failing the
 * schema (500 steps, a 1 MB selector) or from outside the pair is rejected like any malformed
 * reply, and changes nothing. A follow-up's walkthrough problem is kept on both sides.
 */
import { describe, expect, it } from 'vitest';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { encodePayload } from '@/lib/conversation/payloads';
import { composeMessage, type StoredMessage } from '@/lib/conversation/threads';
import type { Envelope } from '@/lib/protocol/protocol';
import { freshDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';
import { sampleStep, sampleTarget, sampleWalkthrough } from './sample';

const THREAD = '11111111-1111-4111-8111-111111111111';
const ANSWER = '22222222-2222-4222-8222-000000000002';

function envelope(seq: number, sender: string, kind: Envelope['kind'], plaintext: string, id: string): Promise<Envelope> {
  return sealedEnvelope({ id, pairId: PAIR_ID, senderDeviceId: sender, kind, createdAt: 1000 + seq, seq, plaintext });
}

const question = () =>
  envelope(
    1,
    ME,
    'question',
    encodePayload('question', { threadId: THREAD, text: 'How do I save a deal?', context: null }),
    THREAD,
  );

/** The answer as JSON, unchecked: what a hostile or buggy sender could seal. */
const rawAnswer = (walkthrough: unknown, sender = PEER) =>
  envelope(2, sender, 'answer', JSON.stringify({ threadId: THREAD, text: '', walkthrough }), ANSWER);

describe('a walkthrough arriving with an answer', () => {
  it('is kept with its message, as the schema read it', async () => {
    const db = freshDb();
    const walkthrough = sampleWalkthrough(4);
    const report = await applyEnvelopes(db, testPair(), ME, [await question(), await rawAnswer(walkthrough)]);
    expect(report.outcomes.applied).toBe(2);
    const stored = (await db.messages.get(ANSWER)) as StoredMessage;
    expect(stored.walkthrough).toEqual(walkthrough);
    expect((await db.threads.get(THREAD))?.status).toBe('answered');
  });

  it('keeps script-looking text as text: it is only ever compared or passed to querySelector', async () => {
    const db = freshDb();
    const hostile = sampleTarget({ selector: '<img src=x onerror=alert(1)>', name: '<script>alert(1)</script>' });
    const walkthrough = { ...sampleWalkthrough(1), steps: [sampleStep({ target: hostile, caption: '<b>bold</b>' })] };
    await applyEnvelopes(db, testPair(), ME, [await question(), await rawAnswer(walkthrough)]);
    expect(((await db.messages.get(ANSWER)) as StoredMessage).walkthrough?.steps[0]?.target.name).toBe(
      '<script>alert(1)</script>',
    );
  });

  it.each([
    ['500 steps', { ...sampleWalkthrough(1), steps: Array.from({ length: 500 }, () => sampleStep()) }],
    [
      'a 1 MB selector',
      { ...sampleWalkthrough(1), steps: [sampleStep({ target: sampleTarget({ selector: 'a'.repeat(1_000_000) }) })] },
    ],
    ['no steps', { ...sampleWalkthrough(1), steps: [] }],
    ['a step with an unknown action', { ...sampleWalkthrough(1), steps: [{ ...sampleStep(), action: 'run-script' }] }],
  ])('with %s is rejected, and the thread stays unanswered', async (_, walkthrough) => {
    const db = freshDb();
    const report = await applyEnvelopes(db, testPair(), ME, [await question(), await rawAnswer(walkthrough)]);
    expect(report.outcomes).toMatchObject({ applied: 1, rejected: 1 });
    expect(await db.messages.get(ANSWER)).toBeUndefined();
    expect((await db.threads.get(THREAD))?.status).toBe('sent');
  });

  it('from a device outside the pair is rejected', async () => {
    const db = freshDb();
    const stranger = '00000000-0000-4000-8000-0000000000ff';
    const report = await applyEnvelopes(db, testPair(), ME, [await question(), await rawAnswer(sampleWalkthrough(2), stranger)]);
    expect(report.outcomes.rejected).toBe(1);
    expect(await db.messages.get(ANSWER)).toBeUndefined();
  });
});

describe('a walkthrough problem in a follow-up', () => {
  it('is kept with the asker’s own message and with the helper’s copy', async () => {
    const asker = freshDb();
    await applyEnvelopes(asker, testPair(), ME, [await question(), await rawAnswer(sampleWalkthrough(4))]);
    const problem = { step: 3, site: 'crm.acme.internal' };
    const sent = await composeMessage(
      asker,
      testPair(),
      'follow-up',
      { threadId: THREAD, text: '', walkthroughProblem: problem },
      {
        id: '33333333-3333-4333-8333-000000000003',
        now: 5000,
      },
    );
    expect(((await asker.messages.get(sent.id)) as StoredMessage).walkthroughProblem).toEqual(problem);

    const helper = freshDb(PEER);
    const helperPair = testPair({ peerDeviceId: ME, myRole: 'helper' });
    const followUp = await envelope(
      3,
      ME,
      'follow-up',
      encodePayload('follow-up', { threadId: THREAD, text: '', walkthroughProblem: problem }),
      sent.id,
    );
    const report = await applyEnvelopes(helper, helperPair, PEER, [await question(), followUp]);
    expect(report.outcomes.applied).toBe(2);
    expect(((await helper.messages.get(sent.id)) as StoredMessage).walkthroughProblem).toEqual(problem);
  });
});
