import { describe, expect, it, vi } from 'vitest';
import { localAskBackend, pairChoices, queueQuestion } from '@/lib/ask/ask-backend-local';
import { openPayload } from '@/lib/trust/crypto';
import { freshDb, ME, PAIR_ID, PAIR_KEY, testPair } from '../helpers/db';

const context = { url: 'https://x.example/', title: 'X', tool: 'other', toolName: 'X', selection: 'Tableau croisé' };
const asked = { text: 'How do I pivot?', context, skill: 'pivot-tables' };
const question = { pairId: PAIR_ID, ...asked };

async function pairedDb() {
  const db = freshDb();
  await db.pairs.put(testPair());
  return db;
}

describe('queueQuestion', () => {
  it('puts the question in a queued thread and seals it in the outbox, under the returned id', async () => {
    const db = await pairedDb();
    const id = await queueQuestion(db, question, 1000);
    expect(await db.threads.get(id)).toMatchObject({
      pairId: PAIR_ID,
      question: 'How do I pivot?',
      status: 'queued',
      direction: 'outgoing',
      skill: 'pivot-tables',
      askedAt: 1000,
    });
    const item = (await db.outbox.get(id))!;
    expect(item).toMatchObject({ pairId: PAIR_ID, kind: 'question', createdAt: 1000 });
    const header = { id, pairId: PAIR_ID, senderDeviceId: ME, kind: 'question' as const, createdAt: 1000 };
    expect(JSON.parse((await openPayload(PAIR_KEY, header, item.payload))!)).toEqual({ threadId: id, ...asked });
  });

  it('throws for an unknown pair and queues nothing', async () => {
    const db = await pairedDb();
    await expect(queueQuestion(db, { ...question, pairId: 'nobody' })).rejects.toThrow('Unknown pair nobody');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.threads.count()).toBe(0);
  });
});

describe('pairChoices', () => {
  it('lists the buddies oldest pair first, with only their pair id and name', async () => {
    const db = freshDb();
    await db.pairs.bulkPut([
      testPair({ pairId: 'p-late', peerName: 'Hugo', createdAt: 30 }),
      testPair({ pairId: 'p-early', peerName: 'Léa', createdAt: 10 }),
      testPair({ pairId: 'p-middle', peerName: 'Sam', createdAt: 20 }),
    ]);
    expect(await pairChoices(db)).toEqual([
      { pairId: 'p-early', peerName: 'Léa' },
      { pairId: 'p-middle', peerName: 'Sam' },
      { pairId: 'p-late', peerName: 'Hugo' },
    ]);
  });
});

describe('localAskBackend', () => {
  it('asks for a sync once after queueing the question', async () => {
    const db = await pairedDb();
    const afterQueue = vi.fn();
    const id = await localAskBackend(db, afterQueue).ask(question);
    expect(afterQueue).toHaveBeenCalledOnce();
    expect(await db.outbox.get(id)).toBeDefined();
  });

  it('does not ask for a sync when nothing was queued', async () => {
    const afterQueue = vi.fn();
    await expect(localAskBackend(await pairedDb(), afterQueue).ask({ ...question, pairId: 'nobody' })).rejects.toThrow();
    expect(afterQueue).not.toHaveBeenCalled();
  });
});
