/**
 * The next meetup's agenda: the questions either buddy marked "Let's talk about it at our next
 * meetup", the questions still unanswered after 48 hours, and the skills due for review by the
 * meetup; each can be ticked as discussed (synced, the latest tick winning). The next meetup
 * falls on the charter's rhythm, counted from the day the pair first agreed it.
 */
import type { ProgrammeItem, Review, Thread } from '../db/db';
import { learnedSkills } from '../knowledge/skills';
import { byTime, type AgreedCharter } from './charter';
import { addDays, addDaysToDay, dayOf, startOfDay, startOfDayAt } from './dates';

export const UNANSWERED_AFTER_MS = 48 * 60 * 60 * 1000;

export type AgendaReason = 'marked' | 'unanswered' | 'review';

export interface AgendaItem {
  /** `thread:<id>` or `skill:<skill key>`: what a "discussed" tick names. */
  key: string;
  reason: AgendaReason;
  text: string;
  threadId: string | null;
  discussed: boolean;
}

/**
 * The day of the next meetup (today counts), or null without an agreed charter or when the
 * rhythm's next day falls after the programme's last day (`lastDay`).
 */
export function nextMeetupDay(
  charter: Pick<AgreedCharter, 'firstAgreedAt' | 'rhythmWeeks'> | null,
  now: number,
  lastDay?: string,
): string | null {
  if (!charter) return null;
  const today = startOfDayAt(now);
  const first = startOfDayAt(charter.firstAgreedAt);
  let meetup = addDays(first, charter.rhythmWeeks * 7);
  // Whole weeks from the start, by the calendar: a meetup keeps its weekday across summer time.
  for (let weeks = charter.rhythmWeeks * 2; meetup < today; weeks += charter.rhythmWeeks) meetup = addDays(first, weeks * 7);
  const day = dayOf(meetup);
  return lastDay !== undefined && day > lastDay ? null : day;
}

/** Which questions are marked for the meetup now, the latest mark of either buddy winning. */
export function markedThreads(items: ProgrammeItem[]): Set<string> {
  const marked = new Set<string>();
  for (const item of [...items].sort(byTime)) {
    if (item.payload.type !== 'agenda-mark') continue;
    if (item.payload.marked) marked.add(item.payload.threadId);
    else marked.delete(item.payload.threadId);
  }
  return marked;
}

function discussedKeys(items: ProgrammeItem[]): Set<string> {
  const discussed = new Set<string>();
  for (const item of [...items].sort(byTime)) {
    if (item.payload.type !== 'agenda-discussed') continue;
    if (item.payload.discussed) discussed.add(item.payload.item);
    else discussed.delete(item.payload.item);
  }
  return discussed;
}

export const threadItemKey = (threadId: string) => `thread:${threadId}`;

/**
 * The agenda of one pair. `threads` and `reviews` may hold other pairs' too: only this pair's
 * questions count, and the skills I learned in it that fall due by the meetup (or today).
 */
export function agendaOf(input: {
  pairId: string;
  items: ProgrammeItem[];
  threads: Thread[];
  reviews: Review[];
  meetupDay: string | null;
  now: number;
}): AgendaItem[] {
  const { pairId, items, now } = input;
  const threads = input.threads.filter((thread) => thread.pairId === pairId);
  const marked = markedThreads(items);
  const discussed = discussedKeys(items);
  const agenda: AgendaItem[] = [];
  const add = (key: string, reason: AgendaReason, text: string, threadId: string | null) => {
    if (!agenda.some((item) => item.key === key)) agenda.push({ key, reason, text, threadId, discussed: discussed.has(key) });
  };
  for (const thread of [...threads].sort((a, b) => a.askedAt - b.askedAt)) {
    if (marked.has(thread.id)) add(threadItemKey(thread.id), 'marked', thread.question, thread.id);
  }
  for (const thread of [...threads].sort((a, b) => a.askedAt - b.askedAt)) {
    const waiting = thread.answeredAt === 0 && thread.status === 'sent' && now - thread.askedAt > UNANSWERED_AFTER_MS;
    if (waiting) add(threadItemKey(thread.id), 'unanswered', thread.question, thread.id);
  }
  const dueBy = input.meetupDay ? startOfDay(addDaysToDay(input.meetupDay, 1)) : now;
  for (const skill of learnedSkills(threads, input.reviews)) {
    if (skill.nextReviewAt < Math.max(dueBy, now)) add(`skill:${skill.skillKey}`, 'review', skill.label, skill.latestThreadId);
  }
  return agenda;
}
