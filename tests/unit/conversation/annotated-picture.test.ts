/**
 * An answer that carries a picture of the helper's screen with numbered marks: what the schema
 * admits, what apply keeps (the picture as a Blob, the marks as data, on both sides), and that a
 * bad picture, or one from outside the pair, is refused and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { PICTURE_LIMITS, type PictureMark } from '@/lib/conversation/annotated-picture';
import { decodePayload, encodePayload, replyPayload } from '@/lib/conversation/payloads';
import { PayloadRefusedError } from '@/lib/conversation/payload-errors';
import { composeMessage, type StoredMessage } from '@/lib/conversation/threads';
import type { Envelope } from '@/lib/protocol/protocol';
import { freshDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';

const THREAD = '11111111-1111-4111-8111-111111111111';
const ANSWER = '22222222-2222-4222-8222-000000000002';
/** A few bytes of JPEG: what matters is that they come back exactly. */
const BYTES = [255, 216, 255, 224, 0, 16, 74, 70, 73, 70];
const screenshot = { type: 'image/jpeg' as const, data: Buffer.from(BYTES).toString('base64') };
const marks: PictureMark[] = [
  { shape: 'marker', x: 0.1, y: 0.2, width: 0, height: 0, caption: 'Click “Start a post”' },
  { shape: 'marker', x: 0.5, y: 0.5, width: 0, height: 0, caption: 'Then the globe' },
  { shape: 'box', x: 0.6, y: 0.7, width: 0.4, height: 0.3, caption: 'Choose “Connections only”' },
];
const picture = { screenshot, marks };

function envelope(seq: number, sender: string, kind: Envelope['kind'], plaintext: string, id: string): Promise<Envelope> {
  return sealedEnvelope({ id, pairId: PAIR_ID, senderDeviceId: sender, kind, createdAt: 1000 + seq, seq, plaintext });
}
/** The helper's side of the same pair: the asker's device is the buddy there. */
const helperPair = () => testPair({ peerDeviceId: ME });
const question = () =>
  envelope(
    1,
    ME,
    'question',
    encodePayload('question', { threadId: THREAD, text: 'How do I post to my contacts only?', context: null }),
    THREAD,
  );

describe('the picture in a reply payload', () => {
  it('admits an answer with a picture and no words', () => {
    expect(replyPayload.safeParse({ threadId: THREAD, text: '', picture }).success).toBe(true);
  });

  it.each([
    ['a mark out of the picture', { ...picture, marks: [{ ...marks[0]!, x: 1.2 }] }],
    ['a box running off the edge', { ...picture, marks: [{ ...marks[2]!, x: 0.8, width: 0.4 }] }],
    ['a mark at a number that is not one', { ...picture, marks: [{ ...marks[0]!, y: Number.NaN }] }],
    ['too many marks', { ...picture, marks: Array.from({ length: PICTURE_LIMITS.marks + 1 }, () => marks[0]!) }],
    ['a caption too long', { ...picture, marks: [{ ...marks[0]!, caption: 'x'.repeat(PICTURE_LIMITS.caption + 1) }] }],
    ['an image that is not base64', { ...picture, screenshot: { type: 'image/jpeg', data: '<script>alert(1)</script>' } }],
    ['an image type that is not a picture', { ...picture, screenshot: { type: 'text/html', data: screenshot.data } }],
  ])('refuses %s', (_, bad) => {
    expect(replyPayload.safeParse({ threadId: THREAD, text: 'See the picture', picture: bad }).success).toBe(false);
  });

  it('admits a box drawn to the very edge, whatever the rounding', () => {
    const edge = { shape: 'box' as const, x: 0.7, y: 0.9, width: 0.3, height: 0.1, caption: '' };
    expect(replyPayload.safeParse({ threadId: THREAD, text: '', picture: { screenshot, marks: [edge] } }).success).toBe(true);
  });

  it('is refused by the sender as by the receiver', async () => {
    const db = freshDb(PEER);
    await applyEnvelopes(db, helperPair(), PEER, [await question()]);
    const bad = { ...picture, marks: [{ ...marks[0]!, x: 2 }] };
    await expect(
      composeMessage(db, helperPair(), 'answer', { threadId: THREAD, text: '', picture: bad }, { id: ANSWER, now: 2000 }),
    ).rejects.toBeInstanceOf(PayloadRefusedError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.messages.count()).toBe(1);
  });
});

describe('applying an answer with a picture', () => {
  it('keeps the picture as a Blob and the marks as data, on the asker’s side', async () => {
    const db = freshDb();
    const answer = await envelope(2, PEER, 'answer', encodePayload('answer', { threadId: THREAD, text: '', picture }), ANSWER);
    const report = await applyEnvelopes(db, testPair(), ME, [await question(), answer]);
    expect(report.outcomes.applied).toBe(2);
    const stored = (await db.messages.get(ANSWER)) as StoredMessage;
    expect(stored.picture?.image).toBeInstanceOf(Blob);
    expect(stored.picture?.image.type).toBe('image/jpeg');
    expect([...new Uint8Array(await stored.picture!.image.arrayBuffer())]).toEqual(BYTES);
    expect(stored.picture?.marks).toEqual(marks);
    expect(await db.threads.get(THREAD)).toMatchObject({ status: 'answered' });
  });

  it('keeps the same on the helper’s side, from what was sealed', async () => {
    const db = freshDb(PEER);
    await applyEnvelopes(db, helperPair(), PEER, [await question()]);
    await composeMessage(db, helperPair(), 'answer', { threadId: THREAD, text: 'Look:', picture }, { id: ANSWER, now: 2000 });
    const stored = (await db.messages.get(ANSWER)) as StoredMessage;
    expect([...new Uint8Array(await stored.picture!.image.arrayBuffer())]).toEqual(BYTES);
    expect(stored.picture?.marks).toEqual(marks);
    // What the asker's browser will decode is the same picture.
    const sealed = (await db.outbox.get(ANSWER))!;
    expect(sealed.payload).not.toContain(screenshot.data);
  });

  it('refuses a bad picture, or one from outside the pair, and changes nothing', async () => {
    const db = freshDb();
    await applyEnvelopes(db, testPair(), ME, [await question()]);
    const before = await db.messages.toArray();
    const stranger = '00000000-0000-4000-8000-0000000000ff';
    const tooMany = { ...picture, marks: Array.from({ length: 21 }, () => marks[0]!) };
    const report = await applyEnvelopes(db, testPair(), ME, [
      await envelope(2, PEER, 'answer', JSON.stringify({ threadId: THREAD, text: '', picture: tooMany }), ANSWER),
      await envelope(
        3,
        PEER,
        'answer',
        JSON.stringify({ threadId: THREAD, text: 'x', picture: { ...picture, marks: [{ ...marks[2]!, width: 5 }] } }),
        '22222222-2222-4222-8222-000000000003',
      ),
      await envelope(
        4,
        stranger,
        'answer',
        encodePayload('answer', { threadId: THREAD, text: '', picture }),
        '22222222-2222-4222-8222-000000000004',
      ),
    ]);
    expect(report.outcomes).toEqual({ applied: 0, duplicate: 0, ignored: 0, rejected: 3 });
    expect(await db.messages.toArray()).toEqual(before);
    expect(await db.threads.get(THREAD)).toMatchObject({ status: 'sent' });
  });

  it('decodes only the picture fields the schema knows: a hostile extra field is dropped', () => {
    const decoded = decodePayload(
      'answer',
      JSON.stringify({ threadId: THREAD, text: '', picture: { ...picture, html: '<img src=x onerror=alert(1)>' } }),
    );
    expect(decoded?.picture).toEqual(picture);
  });
});
