/**
 * Threads are derived from the set of their messages, never patched in place: applying
 * the same message twice, or messages in any order, gives the same thread on both sides.
 */
import { siteOf, type BinomeDb, type OutboxItem, type Pair, type Thread, type ThreadMessage, type ThreadStatus } from '../db/db';
import type { MessageKind } from '../protocol/protocol';
import { MissingPairKeyError, PairClosedError, WrongSideError } from './pair-errors';
import { sealPayload } from '../trust/crypto';
import { reserveCounter } from './order';
import { sendBlock } from './pair-state';
import { base64ToBlob } from '../capture/screenshot';
import { checkPayload, type PayloadOf, type ThreadKind } from './payloads';
import type { StoredPicture } from './annotated-picture';
import { pictureToStore } from './stored-picture';
import { wordsOf } from '../db/text';
import { isUnread } from './unread';

/**
 * A message as the log keeps it: the payload's fields, typed from its schema. Only on
 * questions: the page (`context`), the part of it pointed at (`element`) and the redacted
 * screenshot, as a Blob (IndexedDB stores it natively). `skill` when the message names one; on an
 * answer, the `walkthrough` it carries, or its `picture`: an annotated picture of the helper's screen,
 * its image a Blob too.
 */
export type StoredMessage = ThreadMessage &
  Partial<Pick<PayloadOf<'question'>, 'context' | 'element' | 'skill'>> & {
    screenshot?: Blob;
    picture?: StoredPicture;
  } & ReplyExtras;

/** On replies: the walkthrough an answer carries, the problem a follow-up reports (both checked by the schema). */
export type ReplyExtras = Partial<Pick<PayloadOf<'answer'>, 'walkthrough' | 'walkthroughProblem'>>;

/** What a reply carries besides its text, kept with it, the same way for what is sent and what arrives. */
export function replyExtras(payload: PayloadOf<ThreadKind>): ReplyExtras {
  return {
    ...('walkthrough' in payload && payload.walkthrough ? { walkthrough: payload.walkthrough } : {}),
    ...('walkthroughProblem' in payload && payload.walkthroughProblem ? { walkthroughProblem: payload.walkthroughProblem } : {}),
  };
}

import { compareMessages } from './message-order';

export { compareMessages };

/**
 * The roles of a thread: only the side that asked follows up and says "Got it"; only the
 * other side answers. `askerIsMe` comes from the question, the one message that says who asked.
 */
export function sentByRightSide(message: Pick<ThreadMessage, 'kind' | 'fromMe'>, askerIsMe: boolean): boolean {
  return message.kind === 'answer' ? message.fromMe !== askerIsMe : message.fromMe === askerIsMe;
}

function statusOf(last: ThreadMessage): ThreadStatus {
  if (last.kind === 'answer') return 'answered';
  if (last.kind === 'resolution') return 'resolved';
  return last.fromMe && last.seq === null ? 'queued' : 'sent';
}

/**
 * The thread as its messages say, or null while its question has not arrived: until then
 * nothing says who asked, so nothing else of the thread can be shown or trusted.
 */
export function summarizeThread(threadId: string, messages: StoredMessage[], previous?: Pick<Thread, 'readSeq'>): Thread | null {
  const question = messages.find((message) => message.kind === 'question');
  if (!question) return null;
  const ordered = messages.filter((message) => sentByRightSide(message, question.fromMe)).sort(compareMessages);
  const last = ordered[ordered.length - 1]!;
  const answers = ordered.filter((message) => message.kind === 'answer');
  const peerSeqs = ordered.filter((m) => !m.fromMe && m.seq !== null).map((m) => m.seq as number);
  const context = question.context ?? null;
  const skill = ordered.filter((message) => message.skill).at(-1)?.skill ?? '';
  const lastPeerSeq = peerSeqs.length ? Math.max(...peerSeqs) : 0;
  const readSeq = previous?.readSeq ?? 0;
  return {
    id: threadId,
    pairId: question.pairId,
    direction: question.fromMe ? 'outgoing' : 'incoming',
    question: question.text,
    context,
    status: statusOf(last),
    askedAt: question.createdAt,
    updatedAt: Math.max(...ordered.map((message) => message.createdAt)),
    answeredAt: answers.length ? Math.min(...answers.map((answer) => answer.createdAt)) : 0,
    lastPeerSeq,
    readSeq,
    unread: lastPeerSeq > readSeq ? 1 : 0,
    words: wordsOf(
      question.text,
      context?.title,
      context?.selection,
      context?.toolName,
      ...ordered.filter((message) => message.kind !== 'question').map((message) => message.text),
    ),
    questionWords: wordsOf(question.text),
    tool: context?.tool ?? '',
    site: siteOf(context?.url),
    skill,
  };
}

/** Must run inside a transaction over threads and messages. */
export async function refreshThread(db: BinomeDb, threadId: string): Promise<void> {
  const messages = (await db.messages.where('threadId').equals(threadId).toArray()) as StoredMessage[];
  const previous = await db.threads.get(threadId);
  const thread = summarizeThread(threadId, messages, previous);
  if (thread) await db.threads.put(thread);
  else if (previous) await db.threads.delete(threadId);
}

export { MissingPairKeyError };

/**
 * Seals a message of mine for the pair, once the pair can carry it: my next number is reserved
 * first (a number lost to a failure below only shows the buddy a gap, it is never given twice),
 * and the message is sealed once, here, because a retry must post the very same bytes for the
 * relay to see a duplicate. Every kind of message goes through here: questions and replies
 * (composeMessage), and the programme's (lib/programme/compose.ts).
 */
export async function sealMine(
  db: BinomeDb,
  pair: Pair,
  header: { id: string; kind: MessageKind; now: number },
  plaintext: string,
): Promise<string> {
  const identity = await db.identities.get(pair.relayUrl);
  if (!identity || !pair.pairKey) throw new MissingPairKeyError(pair.pairId);
  const block = sendBlock(pair);
  if (block) throw new PairClosedError(pair.pairId, block);
  const counter = await reserveCounter(db, pair.pairId);
  return sealPayload(
    pair.pairKey,
    { id: header.id, pairId: pair.pairId, senderDeviceId: identity.deviceId, kind: header.kind, createdAt: header.now },
    plaintext,
    counter,
  );
}

/** The outbox row that sends a sealed message, due at once. */
export function outboxItem(pairId: string, header: { id: string; kind: MessageKind; now: number }, sealed: string): OutboxItem {
  return {
    id: header.id,
    pairId,
    kind: header.kind,
    payload: sealed,
    createdAt: header.now,
    attempts: 0,
    nextAttemptAt: header.now,
    rejected: null,
  };
}

export interface ComposedMessage {
  id: string;
  threadId: string;
}

/**
 * Encrypts a message of mine, then writes it to the log and the outbox in one transaction,
 * so that it is shown at once and can never be shown without also being queued for sending.
 */
export async function composeMessage<K extends ThreadKind>(
  db: BinomeDb,
  pair: Pair,
  kind: K,
  payload: PayloadOf<K>,
  ids: { id: string; now: number },
): Promise<ComposedMessage> {
  // First: a message the buddy's browser would refuse must not even reserve a number.
  const checked = checkPayload(kind, payload);
  if (kind !== 'question') {
    const asked = await db.messages.get(checked.threadId);
    if (asked?.kind !== 'question' || !sentByRightSide({ kind, fromMe: true }, asked.fromMe)) {
      throw new WrongSideError(kind, checked.threadId);
    }
  }
  const sealed = await sealMine(db, pair, { id: ids.id, kind, now: ids.now }, JSON.stringify(checked));
  // The log keeps what was sealed, so both logs hold the same message.
  const question = kind === 'question' ? (checked as PayloadOf<'question'>) : null;
  const message: StoredMessage = {
    id: ids.id,
    threadId: checked.threadId,
    pairId: pair.pairId,
    kind,
    fromMe: true,
    text: 'text' in checked ? checked.text : '',
    createdAt: ids.now,
    seq: null,
    ...(question ? { context: question.context } : {}),
    ...('skill' in checked && checked.skill ? { skill: checked.skill } : {}),
    ...(question?.screenshot ? { screenshot: base64ToBlob(question.screenshot.data, question.screenshot.type) } : {}),
    ...(question?.element ? { element: question.element } : {}),
    ...replyExtras(checked),
    ...(question ? {} : pictureToStore(checked as PayloadOf<'answer'>)),
  };
  await db.transaction('rw', db.threads, db.messages, db.outbox, async () => {
    await db.messages.add(message);
    await db.outbox.add(outboxItem(pair.pairId, { id: ids.id, kind, now: ids.now }, sealed));
    await refreshThread(db, checked.threadId);
  });
  return { id: ids.id, threadId: checked.threadId };
}

/** Records the relay's seq for a message of mine as soon as the post is acknowledged. */
export async function markSent(db: BinomeDb, messageId: string, seq: number): Promise<void> {
  await db.transaction('rw', [db.threads, db.messages, db.outbox, db.programmeItems], async () => {
    await db.outbox.delete(messageId);
    // A programme message (lib/programme/compose.ts) has no thread: it only learns its seq.
    await db.programmeItems
      .where('id')
      .equals(messageId)
      .and((item) => item.seq === null)
      .modify({ seq });
    const message = await db.messages.get(messageId);
    if (!message || message.seq !== null) return;
    await db.messages.update(messageId, { seq });
    await refreshThread(db, message.threadId);
  });
}

export async function markRead(db: BinomeDb, threadId: string): Promise<void> {
  // One transaction: a sync landing in between must not leave `unread` out of step with the seqs.
  await db.transaction('rw', db.threads, async () => {
    const thread = await db.threads.get(threadId);
    if (thread && isUnread(thread)) await db.threads.update(threadId, { readSeq: thread.lastPeerSeq, unread: 0 });
  });
}
