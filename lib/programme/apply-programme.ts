/**
 * Applying the buddy's programme messages (called by lib/conversation/apply.ts, inside its
 * transaction, after the questions of the same batch). Idempotent: an item is kept once by
 * its id. What the pair's roles forbid is refused and changes nothing: accepting one's own
 * proposal, thanking for a question one did not ask, marking a question of another pair.
 */
import type { BinomeDb, ProgrammeItem } from '../db/db';
import type { Envelope } from '../protocol/protocol';
import { decodeProgrammePayload, type ProgrammeKind } from './payloads';

export function toProgrammeItem(
  envelope: Envelope,
  kind: ProgrammeKind,
  plaintext: string,
  fromMe: boolean,
): ProgrammeItem | null {
  const payload = decodeProgrammePayload(kind, plaintext);
  if (!payload) return null;
  return { id: envelope.id, pairId: envelope.pairId, kind, fromMe, createdAt: envelope.createdAt, seq: envelope.seq, payload };
}

/** Whether the item may be applied, given what the pair's log already holds. */
async function allowed(db: BinomeDb, item: ProgrammeItem): Promise<boolean> {
  const { payload } = item;
  if (payload.type === 'charter-accept') {
    const proposal = await db.programmeItems.get(payload.proposalId);
    return proposal?.pairId === item.pairId && proposal.payload.type === 'charter' && proposal.fromMe !== item.fromMe;
  }
  const threadId = payload.type === 'kudos' ? payload.threadId : payload.type === 'agenda-mark' ? payload.threadId : undefined;
  if (threadId === undefined) return true;
  const question = await db.messages.get(threadId);
  if (question?.kind !== 'question' || question.pairId !== item.pairId) return false;
  // Only the asker thanks for an answered question.
  return payload.type !== 'kudos' || question.fromMe === item.fromMe;
}

/** Must run inside a transaction over programmeItems and messages. */
export async function acceptProgrammeItem(db: BinomeDb, item: ProgrammeItem): Promise<'applied' | 'duplicate' | 'rejected'> {
  const existing = await db.programmeItems.get(item.id);
  if (existing) {
    if (existing.pairId !== item.pairId) return 'rejected';
    if (existing.seq === null) await db.programmeItems.update(item.id, { seq: item.seq });
    return 'duplicate';
  }
  if (!(await allowed(db, item))) {
    console.warn(`Binôme rejected a ${item.payload.type} in pair ${item.pairId}: the pair's roles do not allow it.`);
    return 'rejected';
  }
  await db.programmeItems.add(item);
  return 'applied';
}
