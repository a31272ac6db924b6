/**
 * A file anyone can hand a person: it restores missing history as imported pairs, and never
 * changes the conversation of a pair this browser has live (see the rule in lib/knowledge/import.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { isImportedPair, type BinomeDb } from '@/lib/db/db';
import { EXPORT_FORMAT, EXPORT_VERSION, exportJson } from '@/lib/knowledge/export';
import { importJson, importJsonFile, ImportError, MAX_IMPORT_BYTES } from '@/lib/knowledge/import';
import { saveNote } from '@/lib/knowledge/log';
import type { StoredMessage } from '@/lib/conversation/threads';
import { freshDb, emptyDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const OTHER_PAIR = '00000000-0000-4000-8000-000000000002';
const uuid = () => crypto.randomUUID();

/** A log with a live pair (keys here) and one answered question in it. */
async function liveLog(): Promise<{ db: BinomeDb; threadId: string }> {
  const db = freshDb();
  await db.pairs.add(testPair());
  const threadId = await addEntry(db, {
    question: 'Our Q3 numbers are wrong, which sheet?',
    answer: 'The “Forecast” tab',
    at: 1000,
  });
  await saveNote(db, threadId, 'Check with finance', 3000);
  return { db, threadId };
}

async function everything(db: BinomeDb) {
  return {
    pairs: await db.pairs.toArray(),
    threads: await db.threads.toArray(),
    messages: await db.messages.toArray(),
    notes: await db.notes.toArray(),
    reviews: await db.reviews.toArray(),
    tombstones: await db.tombstones.toArray(),
  };
}

function file(contents: Partial<Record<'pairs' | 'messages' | 'notes' | 'reviews' | 'tombstones', unknown[]>>): string {
  return JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: 10_000,
    pairs: [],
    messages: [],
    notes: [],
    reviews: [],
    tombstones: [],
    ...contents,
  });
}

function message(fields: Partial<StoredMessage> & Pick<StoredMessage, 'threadId' | 'pairId'>) {
  return { id: uuid(), kind: 'answer', fromMe: false, text: 'Hello', createdAt: 5000, seq: 90, ...fields };
}

describe('an imported file and a live pair', () => {
  it('cannot add a buddy message, a thread or a note to a live pair, nor change its messages or its name', async () => {
    const { db, threadId } = await liveLog();
    const [answer] = (await db.messages.where('threadId').equals(threadId).toArray()).filter((m) => m.kind === 'answer');
    const before = await everything(db);
    const newThread = uuid();
    const hostile = file({
      pairs: [{ pairId: PAIR_ID, peerName: 'IT Support', myRole: 'helper', createdAt: 1 }],
      messages: [
        message({ threadId, pairId: PAIR_ID, text: 'Ignore that: send me your password instead' }),
        message({ id: answer!.id, threadId, pairId: PAIR_ID, text: 'An answer rewritten', seq: answer!.seq! }),
        message({ id: newThread, threadId: newThread, pairId: PAIR_ID, kind: 'question', text: 'Can you approve this invoice?' }),
      ],
      notes: [
        { threadId, text: 'Your buddy says: reset your password here', updatedAt: 99_999 },
        { threadId: newThread, text: 'A note on an invented thread', updatedAt: 99_999 },
      ],
    });

    const report = await importJson(db, hostile);

    expect(report).toMatchObject({ messagesAdded: 0, pairsAdded: 0, threads: 0, messagesLeftOut: 3 });
    expect(await everything(db)).toEqual(before);
  });

  it('cannot hide a live thread: it stays, and open to what the buddy really sends next', async () => {
    const { db, threadId } = await liveLog();
    const before = await everything(db);
    await importJson(
      db,
      file({
        pairs: [{ pairId: PAIR_ID, peerName: 'Léa', myRole: 'learner', createdAt: 1 }],
        tombstones: [{ threadId, deletedAt: 9000 }],
      }),
    );
    expect(await everything(db)).toEqual(before);
    const followUp = await sealedEnvelope({
      id: uuid(),
      pairId: PAIR_ID,
      senderDeviceId: PEER,
      kind: 'answer',
      createdAt: 20_000,
      seq: 50,
      plaintext: JSON.stringify({ threadId, text: 'Also check the totals row' }),
    });
    const applied = await applyEnvelopes(db, (await db.pairs.get(PAIR_ID))!, ME, [followUp]);
    expect(applied.outcomes.applied).toBe(1);
    expect((await db.messages.get(followUp.id))?.text).toBe('Also check the totals row');
  });

  it('counts nothing as left out when the file is this browser’s own export', async () => {
    const { db } = await liveLog();
    const before = await everything(db);
    const report = await importJson(db, JSON.stringify(await exportJson(db)));
    expect(report).toMatchObject({ messagesAdded: 0, messagesLeftOut: 0 });
    expect(await everything(db)).toEqual(before);
  });

  it('refuses a thread that is here in a live pair but that the file puts in another pair, and changes nothing', async () => {
    const { db, threadId } = await liveLog();
    const before = await everything(db);
    const hostile = file({
      pairs: [{ pairId: OTHER_PAIR, peerName: 'Karim', myRole: 'learner', createdAt: 1 }],
      messages: [message({ threadId, pairId: OTHER_PAIR, text: 'Injected through another pair' })],
    });
    await expect(importJson(db, hostile)).rejects.toMatchObject({ reason: 'invalid' });
    expect(await everything(db)).toEqual(before);
  });

  it('restores a pair that is not here as imported history, beside the live one, with its notes', async () => {
    const { db } = await liveLog();
    const oldThread = uuid();
    const report = await importJson(
      db,
      file({
        pairs: [{ pairId: OTHER_PAIR, peerName: 'Karim', myRole: 'learner', createdAt: 1 }],
        messages: [
          message({
            id: oldThread,
            threadId: oldThread,
            pairId: OTHER_PAIR,
            kind: 'question',
            fromMe: true,
            text: 'How do I share a calendar?',
            createdAt: 100,
            seq: 1,
          }),
          message({ threadId: oldThread, pairId: OTHER_PAIR, text: 'Right-click it, then Share', createdAt: 200, seq: 2 }),
        ],
        notes: [{ threadId: oldThread, text: 'Done in Outlook too', updatedAt: 300 }],
      }),
      undefined,
      42,
    );
    expect(report).toMatchObject({ messagesAdded: 2, pairsAdded: 1, threads: 1, messagesLeftOut: 0 });
    const imported = (await db.pairs.get(OTHER_PAIR))!;
    expect(imported).toMatchObject({ peerName: 'Karim', importedAt: 42, pairKey: null, relayUrl: '' });
    expect(isImportedPair(imported)).toBe(true);
    expect(isImportedPair((await db.pairs.get(PAIR_ID))!)).toBe(false);
    expect((await db.threads.get(oldThread))?.status).toBe('answered');
    expect((await db.notes.get(oldThread))?.text).toBe('Done in Outlook too');
  });
});

describe('a malformed or hostile file', () => {
  const cases: [string, () => string, ImportError['reason']][] = [
    ['a __proto__ key at the top', () => file({}).replace('{', '{"__proto__":{"polluted":true},'), 'invalid'],
    [
      'a __proto__ key in a message',
      () =>
        file({
          pairs: [{ pairId: OTHER_PAIR, peerName: 'K', myRole: 'learner', createdAt: 1 }],
          messages: [
            {
              ...message({ threadId: uuid(), pairId: OTHER_PAIR }),
              context: JSON.parse(
                '{"url":"https://x.example","title":"t","tool":"t","toolName":"t","selection":"","__proto__":{"polluted":true}}',
              ),
            },
          ],
        }),
      'invalid',
    ],
    ['an escaped __proto__ key', () => file({}).replace('{', '{"\\u005f_proto__":{"polluted":true},'), 'invalid'],
    [
      'a constructor.prototype key',
      () =>
        file({
          reviews: [
            { skillKey: 'excel/pivot', step: 1, dueAt: 1, lastReviewedAt: 1, constructor: { prototype: { polluted: true } } },
          ],
        }),
      'invalid',
    ],
    ['messages that are not a list', () => file({}).replace('"messages":[]', '"messages":"lots"'), 'invalid'],
    [
      'a pair with a number for a name',
      () => file({ pairs: [{ pairId: OTHER_PAIR, peerName: 42, myRole: 'learner', createdAt: 1 }] }),
      'invalid',
    ],
    ['50 MB of junk', () => 'x'.repeat(50 * 1024 * 1024), 'not_json'],
    [
      '50 MB of JSON junk in a Binôme outline',
      () => file({}).replace('"messages":[]', `"messages":[${`{"id":7,"junk":"${'j'.repeat(70)}"},`.repeat(600_000)}{}]`),
      'invalid',
    ],
  ];

  it.each(cases)('%s gets a clear error and changes nothing', async (_name, make, reason) => {
    const { db } = await liveLog();
    const before = await everything(db);
    const error = await importJson(db, make()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe(reason);
    expect(await everything(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a file larger than any export is refused before it is read', async () => {
    const db = emptyDb();
    const tooLarge = { size: MAX_IMPORT_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) };
    await expect(importJsonFile(db, tooLarge)).rejects.toMatchObject({ reason: 'too_large' });
    expect(await db.pairs.count()).toBe(0);
  });
});
