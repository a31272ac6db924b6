/** Changes the person makes to their own knowledge log: notes and deletions, local only. */
import type { BinomeDb } from '../db/db';

export async function saveNote(db: BinomeDb, threadId: string, text: string, now = Date.now()): Promise<void> {
  if (text.trim()) await db.notes.put({ threadId, text, updatedAt: now });
  else await db.notes.delete(threadId);
}

/**
 * Deletes an entry here (never on the buddy's side). A tombstone keeps late messages of
 * the thread from bringing it back, and unsent replies in it are dropped with it.
 */
export async function deleteEntry(db: BinomeDb, threadId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.threads, db.messages, db.notes, db.outbox, db.tombstones], async () => {
    const messageIds = await db.messages.where('threadId').equals(threadId).primaryKeys();
    await db.outbox.bulkDelete(messageIds);
    await db.messages.bulkDelete(messageIds);
    await db.threads.delete(threadId);
    await db.notes.delete(threadId);
    await db.tombstones.put({ threadId, deletedAt: now });
  });
}
