/**
 * What a person does about the programme, from any extension page: each action is checked
 * here first (bad input gets a clear error and nothing is sent), then sealed and queued like
 * a message; the caller then asks the background to sync.
 */
import type { BinomeDb, Pair, ProgrammeItem } from '../db/db';
import { charterState } from './charter';
import { checkCharter, type CharterDraft } from './charter-objectives';
import { composeProgrammeMessage } from './compose';
import { checkKudos } from './kudos';
import type { KudosQuality } from './payloads';
import { assertQuestionsOpen } from './end';
import { readPairProgramme } from './pair-programme';

async function pairOf(db: BinomeDb, pairId: string): Promise<Pair> {
  const pair = await db.pairs.get(pairId);
  if (!pair) throw new Error(`Unknown pair ${pairId}`);
  return pair;
}

async function itemsOf(db: BinomeDb, pairId: string): Promise<ProgrammeItem[]> {
  return db.programmeItems.where('pairId').equals(pairId).toArray();
}

/** A first charter, an edit of the agreed one, or a later end date: the buddy accepts or edits it. */
export async function proposeCharter(
  db: BinomeDb,
  pairId: string,
  draft: CharterDraft,
  now = Date.now(),
): Promise<ProgrammeItem> {
  const payload = checkCharter(draft, now);
  return composeProgrammeMessage(db, await pairOf(db, pairId), payload, now);
}

/** Accepts the buddy's proposal waiting for an answer; one's own, or one already superseded, is refused. */
export async function acceptCharter(db: BinomeDb, pairId: string, proposalId: string, now = Date.now()): Promise<ProgrammeItem> {
  const { pending } = charterState(await itemsOf(db, pairId));
  if (!pending || pending.proposalId !== proposalId || pending.proposedByMe) {
    throw new Error(`Proposal ${proposalId} is not the buddy's proposal waiting in pair ${pairId}`);
  }
  return composeProgrammeMessage(db, await pairOf(db, pairId), { type: 'charter-accept', proposalId }, now);
}

export async function markObjectiveReached(
  db: BinomeDb,
  pairId: string,
  objectiveId: string,
  reached: boolean,
  now = Date.now(),
) {
  const { agreed } = charterState(await itemsOf(db, pairId));
  if (!agreed?.objectives.some((objective) => objective.id === objectiveId)) {
    throw new Error(`Objective ${objectiveId} is not in the agreed charter of pair ${pairId}`);
  }
  return composeProgrammeMessage(db, await pairOf(db, pairId), { type: 'objective-reached', objectiveId, reached }, now);
}

export async function markForMeetup(db: BinomeDb, threadId: string, marked: boolean, now = Date.now()) {
  const thread = await db.threads.get(threadId);
  if (!thread) throw new Error(`Unknown thread ${threadId}`);
  return composeProgrammeMessage(db, await pairOf(db, thread.pairId), { type: 'agenda-mark', threadId, marked }, now);
}

export async function markDiscussed(db: BinomeDb, pairId: string, item: string, discussed: boolean, now = Date.now()) {
  return composeProgrammeMessage(db, await pairOf(db, pairId), { type: 'agenda-discussed', item, discussed }, now);
}

/** For an answered question (`threadId`) or, at wrap-up, for the whole programme. */
export async function sendKudos(
  db: BinomeDb,
  pairId: string,
  draft: { qualities: KudosQuality[]; message: string; threadId?: string },
  now = Date.now(),
): Promise<ProgrammeItem> {
  const thread = draft.threadId ? await db.threads.get(draft.threadId) : undefined;
  if (draft.threadId && thread?.pairId !== pairId) throw new Error(`Thread ${draft.threadId} is not in pair ${pairId}`);
  const payload = checkKudos({ qualities: draft.qualities, message: draft.message, ...(thread ? { thread } : {}) });
  return composeProgrammeMessage(db, await pairOf(db, pairId), payload, now);
}

/** Refuses (ProgrammeEndedError) a new question in a pair whose programme is over. */
export async function assertMayAsk(db: BinomeDb, pair: Pair, now: number): Promise<void> {
  const { end } = await readPairProgramme(db, pair);
  assertQuestionsOpen(pair.pairId, end, now);
}
