/**
 * Applying what the relay delivers. Only the background loads this module: it carries the
 * payload validators, which the popup has no use for.
 */
import type { BinomeDb, Pair } from './db';
import { decodePayload, isThreadKind, type PayloadOf } from './payloads';
import type { Envelope } from './protocol';
import { refreshThread, type StoredMessage } from './threads';

export type ApplyOutcome = 'applied' | 'duplicate' | 'ignored' | 'rejected';

export interface ApplyReport {
  outcomes: Record<ApplyOutcome, number>;
  /** Messages from the buddy seen for the first time: what notifications are about. */
  newFromPeer: StoredMessage[];
}

function toStoredMessage(envelope: Envelope, fromMe: boolean): StoredMessage | null {
  if (!isThreadKind(envelope.kind)) return null;
  const payload = decodePayload(envelope.kind, envelope.payload);
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
  };
}

/**
 * Applies envelopes pulled from the relay to the local log. Idempotent and
 * order-independent; envelopes from outside the pair or with a malformed payload
 * change nothing and are counted as rejected.
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
  await db.transaction('rw', db.threads, db.messages, async () => {
    const touched = new Set<string>();
    for (const envelope of envelopes) {
      const fromMe = envelope.senderDeviceId === myDeviceId;
      if (envelope.pairId !== pair.pairId || (!fromMe && envelope.senderDeviceId !== pair.peerDeviceId)) {
        report.outcomes.rejected++;
        continue;
      }
      if (!isThreadKind(envelope.kind)) {
        report.outcomes.ignored++;
        continue;
      }
      const message = toStoredMessage(envelope, fromMe);
      const thread = message && (await db.threads.get(message.threadId));
      if (!message || (thread && thread.pairId !== pair.pairId)) {
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
      if (!fromMe) report.newFromPeer.push(message);
    }
    for (const threadId of touched) await refreshThread(db, threadId);
  });
  return report;
}

