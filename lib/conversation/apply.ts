/**
 * Applying what the relay delivers. Only the background loads this module: pages write to
 * the log through composeMessage alone.
 */
import type { BinomeDb, Pair, ProgrammeItem } from '../db/db';
import { acceptProgrammeItem, toProgrammeItem } from '../programme/apply-programme';
import { isProgrammeKind } from '../programme/payloads';
import { openSealed } from '../trust/crypto';
import { recordReceived } from './order';
import { base64ToBlob } from '../capture/screenshot';
import { decodePayload, isThreadKind, type PayloadOf } from './payloads';
import { pictureToStore } from './stored-picture';
import type { Envelope } from '../protocol/protocol';
import { refreshThread, replyExtras, sentByRightSide, type StoredMessage } from './threads';

export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored' | 'rejected';

export interface ApplyReport {
  outcomes: Record<ApplyOutcome, number>;
  /** Messages from the buddy seen for the first time: what notifications are about. */
  newFromPeer: StoredMessage[];
}

function toStoredMessage(envelope: Envelope, plaintext: string, fromMe: boolean): StoredMessage | null {
  if (!isThreadKind(envelope.kind)) return null;
  const payload = decodePayload(envelope.kind, plaintext);
  if (!payload) return null;
  if (envelope.kind === 'question' && payload.threadId !== envelope.id) return null;
  const question = envelope.kind === 'question' ? (payload as PayloadOf<'question'>) : null;
  return {
    id: envelope.id,
    threadId: payload.threadId,
    pairId: envelope.pairId,
    kind: envelope.kind,
    fromMe,
    text: 'text' in payload ? payload.text : '',
    createdAt: envelope.createdAt,
    seq: envelope.seq,
    ...(question ? { context: question.context } : {}),
    ...('skill' in payload && payload.skill ? { skill: payload.skill } : {}),
    ...(question?.screenshot ? { screenshot: base64ToBlob(question.screenshot.data, question.screenshot.type) } : {}),
    ...(question?.element ? { element: question.element } : {}),
    // Validated with the payload: a walkthrough failing its schema (500 steps, a 1 MB selector) rejects the whole reply.
    ...replyExtras(payload),
    ...(question ? {} : pictureToStore(payload as PayloadOf<'answer'>)),
  };
}

/** `counter`: the buddy's authenticated number for the envelope, whenever it decrypted. */
type Checked = { envelope: Envelope; counter: number | null } & (
  | { outcome: 'ignored' | 'rejected' }
  | { message: StoredMessage }
  | { programme: ProgrammeItem }
);

/** Decryption is asynchronous WebCrypto, which must not run inside an IndexedDB transaction. */
async function check(pair: Pair, myDeviceId: string, envelope: Envelope): Promise<Checked> {
  const fromMe = envelope.senderDeviceId === myDeviceId;
  if (envelope.pairId !== pair.pairId || (!fromMe && envelope.senderDeviceId !== pair.peerDeviceId)) {
    return { envelope, counter: null, outcome: 'rejected' };
  }
  const threadKind = isThreadKind(envelope.kind);
  // Kinds this version does not handle are still opened: their numbers fill the sequence.
  const opened = pair.pairKey ? await openSealed(pair.pairKey, envelope, envelope.payload) : null;
  const counter = !fromMe && opened ? opened.counter : null;
  if (isProgrammeKind(envelope.kind)) {
    const programme = opened ? toProgrammeItem(envelope, envelope.kind, opened.plaintext, fromMe) : null;
    return programme ? { envelope, counter, programme } : { envelope, counter, outcome: 'rejected' };
  }
  if (!threadKind) return { envelope, counter, outcome: 'ignored' };
  const message = opened ? toStoredMessage(envelope, opened.plaintext, fromMe) : null;
  return message ? { envelope, counter, message } : { envelope, counter, outcome: 'rejected' };
}

function warnWrongSide(message: StoredMessage): void {
  console.warn(
    `Binôme rejected a ${message.kind} from ${message.fromMe ? 'this device' : 'the buddy'} in thread ${message.threadId}: ` +
      'only the asker follows up and resolves, only the other side answers.',
  );
}

/** Questions first: in a batch holding a question and its replies, the replies are checked against it. */
const questionsFirst = (a: Checked, b: Checked) =>
  Number('message' in b && b.message.kind === 'question') - Number('message' in a && a.message.kind === 'question');

/**
 * Applies envelopes pulled from the relay to the local log. Idempotent and
 * order-independent; envelopes from outside the pair, that do not decrypt with the pair's
 * key (wrong key, tampered ciphertext or header, replayed from another pair), whose
 * payload is malformed or that come from the wrong side of their thread change nothing
 * and are counted as rejected. A reply that arrives before its question is kept out of
 * sight until the question says who asked; then it is shown, or rejected.
 */
export async function applyEnvelopes(
  db: BinomeDb,
  pair: Pair,
  myDeviceId: string,
  envelopes: Envelope[],
  now = Date.now(),
): Promise<ApplyReport> {
  const report: ApplyReport = {
    outcomes: { applied: 0, duplicate: 0, ignored: 0, rejected: 0 },
    newFromPeer: [],
  };
  const checked = await Promise.all(envelopes.map((envelope) => check(pair, myDeviceId, envelope)));
  await db.transaction('rw', [db.threads, db.messages, db.tombstones, db.counters, db.programmeItems], async () => {
    const touched = new Set<string>();
    for (const item of [...checked].sort(questionsFirst)) {
      // After the questions they may refer to, in the relay's order (lib/programme/apply-programme.ts).
      if ('programme' in item) continue;
      if (!('message' in item)) {
        report.outcomes[item.outcome]++;
        continue;
      }
      const { message } = item;
      // The person deleted this entry from their log: a late reply does not bring it back.
      if (await db.tombstones.get(message.threadId)) {
        report.outcomes.ignored++;
        continue;
      }
      const siblings = (await db.messages.where('threadId').equals(message.threadId).toArray()) as StoredMessage[];
      if (siblings.some((sibling) => sibling.pairId !== pair.pairId)) {
        report.outcomes.rejected++;
        continue;
      }
      const existing = siblings.find((sibling) => sibling.id === message.id);
      if (existing) {
        if (existing.seq === null) {
          await db.messages.update(message.id, { seq: message.seq });
          touched.add(message.threadId);
        }
        report.outcomes.duplicate++;
        continue;
      }
      const question = message.kind === 'question' ? message : siblings.find((sibling) => sibling.kind === 'question');
      if (question && !sentByRightSide(message, question.fromMe)) {
        warnWrongSide(message);
        report.outcomes.rejected++;
        continue;
      }
      await db.messages.add(message);
      touched.add(message.threadId);
      report.outcomes.applied++;
      if (message === question) {
        const early = siblings.filter((sibling) => sibling.kind !== 'question');
        const wrong = early.filter((sibling) => !sentByRightSide(sibling, message.fromMe));
        for (const sibling of wrong) warnWrongSide(sibling);
        await db.messages.bulkDelete(wrong.map((sibling) => sibling.id));
        report.outcomes.rejected += wrong.length;
        // Held back until now, the buddy's early replies are news with their question.
        report.newFromPeer.push(...[message, ...early.filter((sibling) => !wrong.includes(sibling))].filter((m) => !m.fromMe));
      } else if (question && !message.fromMe) {
        report.newFromPeer.push(message);
      }
    }
    const programme = checked.flatMap((item) => ('programme' in item ? [item.programme] : []));
    for (const item of programme.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
      report.outcomes[await acceptProgrammeItem(db, item)]++;
    }
    const numbers = checked.flatMap((item) => (item.counter === null ? [] : [item.counter]));
    await recordReceived(db, pair.pairId, numbers, now);
    for (const threadId of touched) await refreshThread(db, threadId);
  });
  return report;
}
