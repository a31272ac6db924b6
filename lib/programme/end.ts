/**
 * When a pair's programme ends: the end date of its agreed charter, or the end of the programme
 * the relay says the pair belongs to (`programmeEnd`), whichever comes first. The last day is
 * "the day": the wrap-up opens; questions still go out until the day is over.
 */
import type { PairProgramme } from '../db/db';
import { addDaysToDay, dayOf, startOfDay } from './dates';
import type { AgreedCharter } from './charter';
import { ProgrammeEndedError } from './programme-errors';

export interface PairEnd {
  /** The last day, "2026-06-30". */
  lastDay: string;
  /** Local midnight at the start of the last day: the wrap-up opens. */
  lastDayStartsAt: number;
  /** Local midnight after the last day: from then on no new question goes out. */
  endsAt: number;
  /** Where the date comes from: the programme's end can only be moved by its coordinators. */
  source: 'charter' | 'programme';
}

function endOnDay(lastDay: string, source: PairEnd['source']): PairEnd {
  return { lastDay, lastDayStartsAt: startOfDay(lastDay), endsAt: startOfDay(addDaysToDay(lastDay, 1)), source };
}

/**
 * The seam for the relay's route: `programmeEnd` is the programme's end as the relay reports
 * it (a moment), null for a pair outside any programme.
 */
export function pairEnd(
  charter: Pick<AgreedCharter, 'endDate'> | null,
  programmeEnd: Pick<PairProgramme, 'endsAt'> | null,
): PairEnd | null {
  // The programme's end is a moment; its last day is the day before that moment.
  const fromProgramme = programmeEnd ? endOnDay(dayOf(programmeEnd.endsAt - 1), 'programme') : null;
  const fromCharter = charter ? endOnDay(charter.endDate, 'charter') : null;
  if (fromProgramme && fromCharter) return fromProgramme.endsAt < fromCharter.endsAt ? fromProgramme : fromCharter;
  return fromCharter ?? fromProgramme;
}

export type ProgrammePhase = 'open' | 'last-day' | 'ended';

export function phaseAt(end: PairEnd | null, now: number): ProgrammePhase {
  if (!end || now < end.lastDayStartsAt) return 'open';
  return now < end.endsAt ? 'last-day' : 'ended';
}

/** The wrap-up shows from the last day on, and stays after the end. */
export function wrapUpDue(end: PairEnd | null, now: number): boolean {
  return phaseAt(end, now) !== 'open';
}

/** Throws when no new question may go out in the pair any more. */
export function assertQuestionsOpen(pairId: string, end: PairEnd | null, now: number): void {
  if (end && phaseAt(end, now) === 'ended') throw new ProgrammeEndedError(pairId, end.endsAt);
}
