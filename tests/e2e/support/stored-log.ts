import type { Page } from '@playwright/test';

export interface StoredLog {
  threads: { id: string; question: string; status: string; direction: string }[];
  messages: { id: string; threadId: string; kind: string; seq: number | null; fromMe: boolean; text: string }[];
  outbox: number;
}

/** What an extension page's IndexedDB holds, read with the raw API (as another program would). */
export function readStoredLog(page: Page): Promise<StoredLog> {
  return page.evaluate(async () => {
    const open = indexedDB.open('binome');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const log = {
      threads: await all<StoredLog['threads'][number]>('threads'),
      messages: await all<StoredLog['messages'][number]>('messages'),
      outbox: (await all('outbox')).length,
    };
    db.close();
    return log;
  });
}
