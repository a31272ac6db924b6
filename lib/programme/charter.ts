/**
 * The pair's charter: objectives, a meeting rhythm and an end date, proposed by either buddy
 * and accepted by the other. Derived from the set of programme items, never stored as such:
 * an edit is a new proposal, the last accepted version wins, and of proposals made at the
 * same time the later one (by time, then id) waits for an answer, the same on both sides.
 */
import type { ProgrammeItem, Thread } from '../db/db';
import { foldText } from '../db/text';
import { everySkill, skillLabel } from '../knowledge/skill-catalogue';
import { TEXT_LIMITS } from '../conversation/text-limits';
import { dayOf } from './dates';
import { calendarDay, MAX_OBJECTIVES, type CharterProposal, type Objective } from './payloads';
import { CharterRefusedError } from './programme-errors';

/** Time, then id: the order both browsers agree on, whatever order the relay delivered in. */
export function byTime(a: Pick<ProgrammeItem, 'createdAt' | 'id'>, b: Pick<ProgrammeItem, 'createdAt' | 'id'>): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface CharterVersion extends Omit<CharterProposal, 'type'> {
  proposalId: string;
  proposedByMe: boolean;
  proposedAt: number;
}

export interface AgreedCharter extends CharterVersion {
  acceptedAt: number;
  /** When the pair first agreed a charter: meetups keep their rhythm from that day across edits. */
  firstAgreedAt: number;
}

export interface CharterState {
  agreed: AgreedCharter | null;
  /** The latest proposal since the last acceptance, waiting for the other buddy. */
  pending: CharterVersion | null;
  /** Objectives marked reached (or unmarked), the latest mark winning. */
  reached: ReadonlySet<string>;
}

type Of<T extends ProgrammeItem['payload']['type']> = ProgrammeItem & { payload: Extract<ProgrammeItem['payload'], { type: T }> };
const ofType =
  <T extends ProgrammeItem['payload']['type']>(type: T) =>
  (item: ProgrammeItem): item is Of<T> =>
    item.payload.type === type;

function versionOf(item: Of<'charter'>): CharterVersion {
  const { objectives, rhythmWeeks, endDate } = item.payload;
  return { proposalId: item.id, proposedByMe: item.fromMe, proposedAt: item.createdAt, objectives, rhythmWeeks, endDate };
}

export function charterState(items: ProgrammeItem[]): CharterState {
  const proposals = new Map(items.filter(ofType('charter')).map((item) => [item.id, item]));
  // Only the other buddy accepts a proposal: accepting one's own changes nothing.
  const accepts = items
    .filter(ofType('charter-accept'))
    .filter((accept) => {
      const proposal = proposals.get(accept.payload.proposalId);
      return proposal !== undefined && proposal.fromMe !== accept.fromMe;
    })
    .sort(byTime);
  const lastAccept = accepts.at(-1);
  const agreedProposal = lastAccept ? proposals.get(lastAccept.payload.proposalId) : undefined;
  const agreed =
    lastAccept && agreedProposal
      ? { ...versionOf(agreedProposal), acceptedAt: lastAccept.createdAt, firstAgreedAt: accepts[0]!.createdAt }
      : null;
  const pendingProposal = [...proposals.values()]
    .filter((proposal) => proposal.id !== agreedProposal?.id && (!lastAccept || byTime(proposal, lastAccept) > 0))
    .sort(byTime)
    .at(-1);
  const reached = new Set<string>();
  for (const mark of items.filter(ofType('objective-reached')).sort(byTime)) {
    if (mark.payload.reached) reached.add(mark.payload.objectiveId);
    else reached.delete(mark.payload.objectiveId);
  }
  return { agreed, pending: pendingProposal ? versionOf(pendingProposal) : null, reached };
}

/** A catalogued skill's id when the words are one of its labels, else the words themselves. */
export function objectiveSkillFromText(text: string): string {
  const words = text.trim();
  const folded = foldText(words);
  return everySkill().find((skill) => foldText(skill.label) === folded)?.id ?? words;
}

/** A question tagged with the objective's skill, by id or by the same words in the reader's language. */
export function skillMatches(objectiveSkill: string, threadSkill: string): boolean {
  if (!threadSkill) return false;
  if (objectiveSkill === threadSkill) return true;
  return foldText(skillLabel(objectiveSkill)).trim() === foldText(skillLabel(threadSkill)).trim();
}

export interface ObjectiveProgress {
  objective: Objective;
  label: string;
  /** Answered questions of the pair, either way, tagged with the objective's skill. */
  answered: number;
  reached: boolean;
}

export function objectiveProgress(
  charter: Pick<CharterState, 'reached'> & { agreed: Pick<AgreedCharter, 'objectives'> },
  threads: Thread[],
): ObjectiveProgress[] {
  return charter.agreed.objectives.map((objective) => ({
    objective,
    label: skillLabel(objective.skill),
    answered: threads.filter((thread) => thread.answeredAt > 0 && skillMatches(objective.skill, thread.skill)).length,
    reached: charter.reached.has(objective.id),
  }));
}

export interface CharterDraft {
  /** An objective kept from the charter being edited keeps its id. */
  objectives: { id?: string; text: string }[];
  rhythmWeeks: number;
  endDate: string;
}

/**
 * The proposal the buddy's browser will accept, or the reason it cannot be sent: no
 * objective, more than three, an end date that is not a day or is already past (today is
 * allowed: the programme then ends tonight).
 */
export function checkCharter(draft: CharterDraft, now: number, newId: () => string = () => crypto.randomUUID()): CharterProposal {
  const objectives = draft.objectives.filter((objective) => objective.text.trim());
  if (objectives.length === 0) throw new CharterRefusedError('no_objective');
  if (objectives.length > MAX_OBJECTIVES) throw new CharterRefusedError('too_many_objectives');
  if (objectives.some((objective) => objective.text.trim().length > TEXT_LIMITS.skill)) {
    throw new CharterRefusedError('objective_too_long');
  }
  if (!calendarDay.safeParse(draft.endDate).success) throw new CharterRefusedError('not_a_day');
  if (draft.endDate < dayOf(now)) throw new CharterRefusedError('end_in_past');
  if (draft.rhythmWeeks !== 1 && draft.rhythmWeeks !== 2 && draft.rhythmWeeks !== 4) throw new CharterRefusedError('bad_rhythm');
  return {
    type: 'charter',
    objectives: objectives.map((objective) => ({ id: objective.id ?? newId(), skill: objectiveSkillFromText(objective.text) })),
    rhythmWeeks: draft.rhythmWeeks,
    endDate: draft.endDate,
  };
}
