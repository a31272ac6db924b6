/**
 * The learned-skills log: derived from the threads (what was asked, answered, resolved),
 * plus the review schedule the person keeps for each skill they learned.
 */
import type { BinomeDb, Pair, Review, Thread } from '../db/db';
import { skillLabel } from './skill-catalogue';
import { foldText } from '../db/text';

/** Spaced review: first after a day, then 3, 7, 21 and 60 days. */
export const REVIEW_STEPS_DAYS = [1, 3, 7, 21, 60] as const;
const DAY = 24 * 60 * 60 * 1000;

/** Catalogue ids are stable across languages; typed skills are grouped by tool and words. */
export function skillKey(tool: string, skill: string): string {
  return skill.includes('/') && !skill.includes(' ') ? skill : `${tool}|${foldText(skill).trim()}`;
}

export interface LearnedSkill {
  skillKey: string;
  tool: string;
  toolName: string;
  label: string;
  firstAskedAt: number;
  questions: number;
  lastAnsweredAt: number;
  resolved: number;
  /** The latest entry, opened by "show me again". */
  latestThreadId: string;
  step: number;
  nextReviewAt: number;
}

function groupBySkill(threads: Thread[]): Map<string, Thread[]> {
  const groups = new Map<string, Thread[]>();
  for (const thread of threads) {
    if (!thread.skill) continue;
    const key = skillKey(thread.tool, thread.skill);
    groups.set(key, [...(groups.get(key) ?? []), thread]);
  }
  return groups;
}

/** Skills from my own questions that got at least one answer, with their review state. */
export function learnedSkills(threads: Thread[], reviews: Review[]): LearnedSkill[] {
  const reviewByKey = new Map(reviews.map((review) => [review.skillKey, review]));
  const mine = threads.filter((thread) => thread.direction === 'outgoing');
  const skills: LearnedSkill[] = [];
  for (const [key, group] of groupBySkill(mine)) {
    const answered = group.filter((thread) => thread.answeredAt > 0);
    if (answered.length === 0) continue;
    const newest = [...group].sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
    const firstAnsweredAt = Math.min(...answered.map((thread) => thread.answeredAt));
    const review = reviewByKey.get(key);
    skills.push({
      skillKey: key,
      tool: newest.tool,
      toolName: newest.context?.toolName ?? newest.tool,
      label: skillLabel(newest.skill),
      firstAskedAt: Math.min(...group.map((thread) => thread.askedAt)),
      questions: group.length,
      lastAnsweredAt: Math.max(...answered.map((thread) => thread.answeredAt)),
      resolved: group.filter((thread) => thread.status === 'resolved').length,
      latestThreadId: newest.id,
      step: review?.step ?? 0,
      nextReviewAt: review?.dueAt ?? firstAnsweredAt + REVIEW_STEPS_DAYS[0] * DAY,
    });
  }
  return skills.sort((a, b) => a.toolName.localeCompare(b.toolName) || a.label.localeCompare(b.label));
}

export type ReviewOutcome = 'known' | 'again';

/** "I still know it" moves to the next interval; "show me again" starts over at one day. */
export function nextReview(previousStep: number, outcome: ReviewOutcome, now: number): Omit<Review, 'skillKey'> {
  const step = outcome === 'known' ? Math.min(previousStep + 1, REVIEW_STEPS_DAYS.length - 1) : 0;
  return { step, dueAt: now + REVIEW_STEPS_DAYS[step]! * DAY, lastReviewedAt: now };
}

export async function recordReview(db: BinomeDb, skill: LearnedSkill, outcome: ReviewOutcome, now = Date.now()) {
  await db.reviews.put({ ...nextReview(skill.step, outcome, now), skillKey: skill.skillKey });
}

export interface TaughtSkill {
  skillKey: string;
  label: string;
  toolName: string;
  answers: number;
  lastAnsweredAt: number;
}

/** Per buddy, the skills I answered questions about: what I taught. */
export function taughtSkills(threads: Thread[], pairs: Pair[]): { pair: Pair; skills: TaughtSkill[] }[] {
  return pairs
    .map((pair) => {
      const answered = threads.filter(
        (thread) => thread.direction === 'incoming' && thread.pairId === pair.pairId && thread.answeredAt > 0,
      );
      const skills = [...groupBySkill(answered).entries()].map(([key, group]) => ({
        skillKey: key,
        label: skillLabel(group[0]!.skill),
        toolName: group[0]!.context?.toolName ?? group[0]!.tool,
        answers: group.length,
        lastAnsweredAt: Math.max(...group.map((thread) => thread.answeredAt)),
      }));
      return { pair, skills: skills.sort((a, b) => b.lastAnsweredAt - a.lastAnsweredAt) };
    })
    .filter((entry) => entry.skills.length > 0);
}

export interface MonthBucket {
  /** "2026-11" */
  month: string;
  /** Skills first answered that month, per tool name. */
  byTool: Record<string, number>;
  total: number;
}

/** Skills learned per month (by first answer) over the last `months` months, for the chart. */
export function skillsPerMonth(skills: LearnedSkill[], threads: Thread[], now: number, months = 6): MonthBucket[] {
  const firstAnswer = new Map<string, number>();
  for (const thread of threads) {
    if (thread.direction !== 'outgoing' || !thread.skill || thread.answeredAt === 0) continue;
    const key = skillKey(thread.tool, thread.skill);
    firstAnswer.set(key, Math.min(firstAnswer.get(key) ?? Infinity, thread.answeredAt));
  }
  const end = new Date(now);
  const buckets: MonthBucket[] = [];
  for (let offset = months - 1; offset >= 0; offset--) {
    const start = new Date(end.getFullYear(), end.getMonth() - offset, 1);
    buckets.push({ month: `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`, byTool: {}, total: 0 });
  }
  for (const skill of skills) {
    const at = new Date(firstAnswer.get(skill.skillKey) ?? 0);
    const month = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`;
    const bucket = buckets.find((candidate) => candidate.month === month);
    if (!bucket) continue;
    bucket.byTool[skill.toolName] = (bucket.byTool[skill.toolName] ?? 0) + 1;
    bucket.total++;
  }
  return buckets;
}
