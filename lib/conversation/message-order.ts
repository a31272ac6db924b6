/**
 * The order of a thread's messages, on its own so that what only sorts (the popup's walkthrough
 * offer, the site recall) does not load the whole conversation module when the popup opens.
 */
import type { ThreadMessage } from '../db/db';

/** Relay order first; messages still in the outbox come last, by creation time. */
export function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  const seqA = a.seq ?? Number.POSITIVE_INFINITY;
  const seqB = b.seq ?? Number.POSITIVE_INFINITY;
  if (seqA !== seqB) return seqA < seqB ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
