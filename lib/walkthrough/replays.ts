/** The walkthroughs the log holds: what "Show me" offers from the popup's home and from the site's recall. */
import type { BinomeDb } from '../db/db';
import type { StoredMessage } from '../conversation/threads';
import { compareMessages } from '../conversation/message-order';
import type { Walkthrough } from './schema';

export type WalkthroughMessage = StoredMessage & { walkthrough: Walkthrough };

export function hasWalkthrough(message: StoredMessage | undefined): message is WalkthroughMessage {
  return !!message?.walkthrough;
}

/** The newest walkthrough the buddy sent in each of `threadIds`, in the order given. */
export async function buddyWalkthroughs(db: BinomeDb, threadIds: readonly string[]): Promise<WalkthroughMessage[]> {
  const messages = (await db.messages
    .where('threadId')
    .anyOf([...threadIds])
    .toArray()) as StoredMessage[];
  const newest = new Map<string, WalkthroughMessage>();
  for (const message of messages.sort(compareMessages)) {
    if (hasWalkthrough(message) && !message.fromMe) newest.set(message.threadId, message);
  }
  return threadIds.flatMap((threadId) => newest.get(threadId) ?? []);
}

/**
 * The walkthrough whose "Show me" is the asker's main action in a thread (sorted by compareMessages):
 * the one the buddy's newest message carries. When the buddy wrote again after a walkthrough, the
 * asker has read past it, and "Got it" is the thread's main action again.
 */
export function walkthroughToShowFirst(messages: readonly StoredMessage[]): string | null {
  const newestFromBuddy = messages.findLast((message) => !message.fromMe);
  return hasWalkthrough(newestFromBuddy) ? newestFromBuddy.id : null;
}

/** The message by id, if it carries a walkthrough. */
export async function walkthroughMessage(db: BinomeDb, messageId: string): Promise<WalkthroughMessage | null> {
  const message = (await db.messages.get(messageId)) as StoredMessage | undefined;
  return hasWalkthrough(message) ? message : null;
}
