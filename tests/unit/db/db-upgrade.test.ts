import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { BinomeDb, SCHEMA_V1 } from '@/lib/db/db';
import { readInboxPage } from '@/lib/conversation/inbox';
import { searchLog, entriesForSite } from '@/lib/knowledge/search';

describe('schema upgrade', () => {
  it('opens data written by version 1 and fills the fields versions 2 to 9 add', async () => {
    const indexedDB = new IDBFactory();
    const name = 'binome-upgrade';
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores(SCHEMA_V1);
    const context = {
      url: 'https://www.linkedin.com/feed/',
      title: 'Feed',
      tool: 'linkedin',
      toolName: 'LinkedIn',
      selection: '',
    };
    // Exactly what version 1 stored: no tool, site or skill on threads.
    await v1.table('threads').bulkAdd([
      {
        id: 'a',
        pairId: 'p',
        direction: 'outgoing',
        question: 'Post?',
        context,
        status: 'answered',
        askedAt: 1,
        updatedAt: 2,
        answeredAt: 2,
        lastPeerSeq: 2,
        readSeq: 2,
        words: ['post', 'linkedin'],
      },
      {
        id: 'b',
        pairId: 'p',
        direction: 'incoming',
        question: 'No context',
        context: null,
        status: 'sent',
        askedAt: 3,
        updatedAt: 3,
        answeredAt: 0,
        lastPeerSeq: 1,
        readSeq: 0,
        words: ['no', 'context'],
      },
    ]);
    await v1
      .table('pairs')
      .add({ pairId: 'p', relayUrl: 'http://r', myRole: 'learner', peerDeviceId: 'd', peerName: 'Léa', cursor: 2, createdAt: 1 });
    v1.close();

    const v2 = new BinomeDb(name, { indexedDB, IDBKeyRange });
    expect(await v2.threads.get('a')).toMatchObject({
      tool: 'linkedin',
      site: 'linkedin.com',
      skill: '',
      question: 'Post?',
      readSeq: 2,
    });
    expect(await v2.threads.get('b')).toMatchObject({ tool: '', site: '', skill: '' });
    expect((await v2.threads.where('tool').equals('linkedin').toArray()).map((thread) => thread.id)).toEqual(['a']);
    expect((await entriesForSite(v2, 'linkedin.com')).map((thread) => thread.id)).toEqual(['a']);
    expect((await searchLog(v2, 'post', { tool: 'linkedin' })).map((thread) => thread.id)).toEqual(['a']);
    expect(await v2.pairs.get('p')).toMatchObject({ peerName: 'Léa', cursor: 2 });
    // Version 3: the unread flag the inbox indexes, from the sequence numbers.
    expect(await v2.threads.get('a')).toMatchObject({ unread: 0 });
    expect(await v2.threads.get('b')).toMatchObject({ unread: 1 });
    expect(
      (await readInboxPage(v2, 20)).groups.map((group) => [
        group.pair.peerName,
        group.unread,
        group.threads.map((thread) => thread.id),
      ]),
    ).toEqual([['Léa', 1, ['b']]]);
    // Version 4: a pair that was never left, revoked or broken.
    expect(await v2.pairs.get('p')).toMatchObject({ leftAt: null, leftByMe: false, peerRevokedAt: null, broken: null });
    // Version 6: the programme's tables, empty.
    expect(await v2.programmeItems.count()).toBe(0);
    expect(await v2.wrapUps.count()).toBe(0);
    // Version 7: the search index, built from the entries (here the one answered thread).
    expect(await v2.searchDocs.count()).toBe(1);
    // Version 9: no walkthrough being recorded.
    expect(await v2.walkthroughDrafts.count()).toBe(0);
    expect(v2.verno).toBe(9);
    v2.close();
  });
});
