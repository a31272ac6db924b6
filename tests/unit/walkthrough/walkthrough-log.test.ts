/**
 * Item 5: a walkthrough answer is kept in its log entry and travels with the JSON export and
 * import, checked on import with the schema; a file carrying a walkthrough the schema refuses
 * is refused as a whole, and nothing of it is written.
 */
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '@/lib/conversation/threads';
import { exportJson } from '@/lib/knowledge/export';
import { importJson, ImportError } from '@/lib/knowledge/import';
import { buddyWalkthroughs } from '@/lib/walkthrough/replays';
import { emptyDb, freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';
import { sampleStep, sampleTarget, sampleWalkthrough } from './sample';

async function logWithWalkthrough() {
  const db = freshDb();
  await db.pairs.add(testPair());
  const threadId = await addEntry(db, {
    question: 'How do I save a deal?',
    answer: 'Like this:',
    at: 1000,
    url: 'https://crm.acme.internal/deals/1',
  });
  const answer = (await db.messages.where('threadId').equals(threadId).toArray()).find((message) => message.kind === 'answer')!;
  await db.messages.update(answer.id, { walkthrough: sampleWalkthrough(3) } as Partial<StoredMessage>);
  const followUp: StoredMessage = {
    id: crypto.randomUUID(),
    threadId,
    pairId: answer.pairId,
    kind: 'follow-up',
    fromMe: true,
    text: '',
    createdAt: 3000,
    seq: 99,
    walkthroughProblem: { step: 2, site: 'crm.acme.internal' },
  };
  await db.messages.add(followUp);
  return { db, threadId, answerId: answer.id, followUpId: followUp.id };
}

describe('walkthroughs in the knowledge log', () => {
  it('are found for the site’s entries, newest from the buddy first', async () => {
    const { db, threadId, answerId } = await logWithWalkthrough();
    expect((await buddyWalkthroughs(db, [threadId])).map((message) => message.id)).toEqual([answerId]);
  });

  it('travel with the JSON export and import, walkthrough problems too', async () => {
    const { db, threadId, answerId, followUpId } = await logWithWalkthrough();
    const target = emptyDb();
    await importJson(target, JSON.stringify(await exportJson(db)));
    expect(((await target.messages.get(answerId)) as StoredMessage).walkthrough).toEqual(sampleWalkthrough(3));
    expect(((await target.messages.get(followUpId)) as StoredMessage).walkthroughProblem).toEqual({
      step: 2,
      site: 'crm.acme.internal',
    });
    expect(await buddyWalkthroughs(target, [threadId])).toHaveLength(1);
  });

  it.each([
    ['500 steps', { ...sampleWalkthrough(1), steps: Array.from({ length: 500 }, () => sampleStep()) }],
    [
      'a 1 MB selector',
      { ...sampleWalkthrough(1), steps: [sampleStep({ target: sampleTarget({ selector: 'x'.repeat(1_000_000) }) })] },
    ],
  ])('a file whose walkthrough has %s is refused, and nothing is written', async (_, walkthrough) => {
    const { db, answerId } = await logWithWalkthrough();
    const file = await exportJson(db);
    const hostile = {
      ...file,
      messages: file.messages.map((message) => (message.id === answerId ? { ...message, walkthrough } : message)),
    };
    const target = emptyDb();
    const error = await importJson(target, JSON.stringify(hostile)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe('invalid');
    expect(await target.messages.count()).toBe(0);
    expect(await target.threads.count()).toBe(0);
  });
});
