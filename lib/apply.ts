/**
 * Applying what the relay delivers. Only the background loads this module: it carries the
 * payload validators, which the popup has no use for.
 */
import type { BinomeDb, Pair } from './db';
import { openPayload } from './crypto';
import { base64ToBlob } from './screenshot';
import { decodePayload, isThreadKind, type PayloadOf } from './payloads';
import type { Envelope } from './protocol';
import { refreshThread, type StoredMessage } from './threads';

export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored' | 'rejected';

export interface ApplyReport {
  outcomes: Record<ApplyOutcome, number>;
  /** Messages from the buddy seen for the first time: what notifications are about. */
  newFromPeer: StoredMessage[];
}

async function toStoredMessage(pair: Pair, envelope: Envelope, fromMe: boolean): Promise<StoredMessage | null> {
  if (!isThreadKind(envelope.kind) || !pair.pairKey) return null;
  const plaintext = await openPayload(pair.pairKey, envelope, envelope.payload);
  if (plaintext === null) return null;
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
  };
}

type Checked = { envelope: Envelope; outcome: 'ignored' | 'rejected' } | { envelope: Envelope; message: StoredMessage };

/** Decryption is asynchronous WebCrypto, which must not run inside an IndexedDB transaction. */
async function check(pair: Pair, myDeviceId: string, envelope: Envelope): Promise<Checked> {
  const fromMe = envelope.senderDeviceId === myDeviceId;
  if (envelope.pairId !== pair.pairId || (!fromMe && envelope.senderDeviceId !== pair.peerDeviceId)) {
    return { envelope, outcome: 'rejected' };
  }
  if (!isThreadKind(envelope.kind)) return { envelope, outcome: 'ignored' };
  const message = await toStoredMessage(pair, envelope, fromMe);
  return message ? { envelope, message } : { envelope, outcome: 'rejected' };
}

/**
 * Applies envelopes pulled from the relay to the local log. Idempotent and
 * order-independent; envelopes from outside the pair, that do not decrypt with the pair's
 * key (wrong key, tampered ciphertext or header, replayed from another pair) or whose
 * payload is malformed change nothing and are counted as rejected.
 */
export async function applyEnvelopes(
  db: BinomeDb,
  pair: Pair,
  myDeviceId: string,
  envelopes: Envelope[],
): Promise<ApplyReport> {
  const report: ApplyReport = {
    outcomes: { applied: 0, duplicate: 0, ignored: 0, rejected: 0 },
    newFromPeer: [],
  };
  const checked = await Promise.all(envelopes.map((envelope) => check(pair, myDeviceId, envelope)));
  await db.transaction('rw', db.threads, db.messages, db.tombstones, async () => {
    const touched = new Set<string>();
    for (const item of checked) {
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
      const thread = await db.threads.get(message.threadId);
      if (thread && thread.pairId !== pair.pairId) {
        report.outcomes.rejected++;
        continue;
      }
      const existing = await db.messages.get(message.id);
      if (existing) {
        if (existing.seq === null) {
          await db.messages.update(message.id, { seq: message.seq });
          touched.add(message.threadId);
        }
        report.outcomes.duplicate++;
        continue;
      }
      await db.messages.add(message);
      touched.add(message.threadId);
      report.outcomes.applied++;
      if (!message.fromMe) report.newFromPeer.push(message);
    }
    for (const threadId of touched) await refreshThread(db, threadId);
  });
  return report;
}

