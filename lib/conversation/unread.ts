/** Whether my buddy wrote last in a thread and I have not read it: no database code, the popup's first paint uses it. */
import type { Thread } from '../db/db';

export function isUnread(thread: Pick<Thread, 'lastPeerSeq' | 'readSeq'>): boolean {
  return thread.lastPeerSeq > thread.readSeq;
}
