/**
 * A charter's objectives as skills of the catalogue (lib/knowledge/skill-catalogue.ts), their
 * progress, and the check of a proposal before it is sent; the charter's state is charter.ts.
 */
import type { Thread } from '../db/db';
import { foldText } from '../db/text';
import { everySkill, skillLabel } from '../knowledge/skill-catalogue';
import { TEXT_LIMITS } from '../conversation/text-limits';
import type { AgreedCharter, CharterState } from './charter';
import { dayOf } from './dates';
import { calendarDay, MAX_OBJECTIVES, type CharterProposal, type Objective } from './payloads';
import { CharterRefusedError } from './programme-errors';

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
