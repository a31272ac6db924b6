import { describe, expect, it } from 'vitest';
import { leaveThreadToOpen, takeThreadToOpen, threadFromHash, threadPagePath } from '@/lib/conversation/open-thread';
import { emptyDb } from '../helpers/db';

const THREAD = '11111111-1111-4111-8111-111111111111';

describe('opening one thread from a notification', () => {
  it('names the thread in the popup page’s address, and reads it back', () => {
    expect(threadPagePath(THREAD)).toBe(`/popup.html#thread=${THREAD}`);
    expect(threadFromHash(new URL(`chrome-extension://x${threadPagePath(THREAD)}`).hash)).toBe(THREAD);
    expect(threadFromHash('')).toBeNull();
    expect(threadFromHash('#thread=')).toBeNull();
  });

  it('hands the thread to the popup once', async () => {
    const db = emptyDb();
    await leaveThreadToOpen(db, THREAD, 1000);
    expect(await takeThreadToOpen(db, 2000)).toBe(THREAD);
    expect(await takeThreadToOpen(db, 2000)).toBeNull();
  });

  it('drops a note no popup took in time, so that a later click on the toolbar shows the home', async () => {
    const db = emptyDb();
    await leaveThreadToOpen(db, THREAD, 1000);
    expect(await takeThreadToOpen(db, 1000 + 60_000)).toBeNull();
    expect(await takeThreadToOpen(db, 1000)).toBeNull();
  });
});
