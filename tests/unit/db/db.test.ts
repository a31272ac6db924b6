import { describe, expect, it } from 'vitest';
import { freshDb, testPair } from '../helpers/db';

describe('the Dexie module', () => {
  it('opens with the tables and indexes the UI queries', async () => {
    const db = freshDb();
    await db.open();
    const schema = Object.fromEntries(db.tables.map((table) => [table.name, table.schema.indexes.map((index) => index.name)]));
    expect(schema).toMatchObject({
      pairs: expect.arrayContaining(['relayUrl', 'createdAt']),
      threads: expect.arrayContaining(['pairId', '[direction+status]', 'updatedAt', 'answeredAt']),
      searchDocs: ['threadId'],
      messages: expect.arrayContaining(['threadId', 'pairId']),
      outbox: expect.arrayContaining(['pairId', 'createdAt']),
    });
    expect(db.searchTerms.schema.primKey.name).toBe('[word+from]');
    db.close();
  });

  it('keeps data across a close and reopen, as across a browser restart', async () => {
    const db = freshDb();
    await db.pairs.add(testPair());
    db.close();
    await db.open();
    expect(await db.pairs.count()).toBe(1);
  });
});
