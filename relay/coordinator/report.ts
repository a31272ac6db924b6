/**
 * The coordinator's report, computed from envelope metadata only: which pair, the sender's role,
 * the kind, the relay's receive time. Nothing here sees a payload (ProgrammeStore never selects
 * one), and no figure is shown for a group of fewer than MIN_GROUP_PAIRS pairs. The definitions
 * are the ones docs/security.md gives the coordinator; a test computes a fixture by hand.
 */
import { otherRole, type PairRole } from '../../lib/protocol/protocol.ts';
import type { Programme, ReportMessage, ReportPair, ReportRating } from '../store/programme-store.ts';

export const MIN_GROUP_PAIRS = 5;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** A pair with no envelope for this long is dormant, and needs a check-in. */
export const DORMANT_AFTER_MS = 14 * DAY;
/** A question without an answer for this long needs a check-in. */
export const UNANSWERED_AFTER_MS = 48 * HOUR;
export const ENDING_SOON_MS = 14 * DAY;

export type CheckInReason = 'silent' | 'unanswered';

export interface NamedPair {
  senior: string;
  junior: string;
}

/** A figure computed from fewer than MIN_GROUP_PAIRS pairs is null, like the whole report of a small programme. */
export interface ReportFigures {
  pairs: { total: number; active: number; dormant: number; ended: number };
  questions: number;
  questionsPerWeek: { week: number; startsAt: number; questions: number }[];
  answeredShare: number | null;
  timeToFirstAnswer: { medianMs: number; p90Ms: number } | null;
  twoWayShare: number | null;
  kudos: number;
  ratings: { averageRating: number; recommendShare: number } | null;
  endingSoon: (NamedPair & { endsAt: number })[];
  checkIns: (NamedPair & { reasons: CheckInReason[] })[];
}

export interface CoordinatorReport {
  programme: { id: string; name: string; startsAt: number; endsAt: number };
  generatedAt: number;
  /** Null when the programme has fewer than MIN_GROUP_PAIRS pairs: then nothing else is shown. */
  figures: ReportFigures | null;
}

export interface ReportInput {
  programme: Programme;
  pairs: ReportPair[];
  messages: ReportMessage[];
  ratings: ReportRating[];
  now: number;
}

/** Nearest rank: the smallest value with at least `p` of the values at or below it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

interface PairActivity {
  lastActivity: number;
  questions: number;
  answered: number;
  /** Receive times of questions no answer was matched to. */
  openQuestions: number[];
}

/**
 * Answers are matched to questions from the metadata alone: walking the pair in seq order, an
 * `answer` takes the oldest still unanswered question sent by the other role. The relay cannot
 * know which question an answer is really for (that is in the payload); this pairing counts one
 * answer for one question, and times it from the question to the first answer after it.
 */
function activityOf(pair: ReportPair, messages: ReportMessage[], delays: number[]): PairActivity {
  const open: Record<PairRole, number[]> = { learner: [], helper: [] };
  let lastActivity = pair.createdAt;
  let questions = 0;
  let answered = 0;
  for (const message of messages) {
    lastActivity = Math.max(lastActivity, message.receivedAt);
    if (message.kind === 'question') {
      questions++;
      open[message.senderRole].push(message.receivedAt);
    } else if (message.kind === 'answer') {
      const asked = open[otherRole(message.senderRole)].shift();
      if (asked !== undefined) {
        answered++;
        delays.push(message.receivedAt - asked);
      }
    }
  }
  return { lastActivity, questions, answered, openQuestions: [...open.learner, ...open.helper] };
}

export function computeReport(input: ReportInput): CoordinatorReport {
  const { programme, now } = input;
  const header = {
    programme: { id: programme.id, name: programme.name, startsAt: programme.startsAt, endsAt: programme.endsAt },
    generatedAt: now,
  };
  if (input.pairs.length < MIN_GROUP_PAIRS) return { ...header, figures: null };

  const messagesByPair = new Map<string, ReportMessage[]>();
  for (const message of input.messages) {
    const list = messagesByPair.get(message.pairId) ?? [];
    list.push(message);
    messagesByPair.set(message.pairId, list);
  }
  const ended = new Set(input.pairs.filter((p) => p.leftAt !== null || p.endsAt <= now).map((p) => p.pairId));

  const delays: number[] = [];
  let dormant = 0;
  let questions = 0;
  let answered = 0;
  let pairsAsking = 0;
  let pairsAnswered = 0;
  const endingSoon: ReportFigures['endingSoon'] = [];
  const checkIns: ReportFigures['checkIns'] = [];
  for (const pair of input.pairs) {
    const messages = (messagesByPair.get(pair.pairId) ?? []).sort((a, b) => a.seq - b.seq);
    const activity = activityOf(pair, messages, delays);
    questions += activity.questions;
    answered += activity.answered;
    if (activity.questions > 0) pairsAsking++;
    if (activity.answered > 0) pairsAnswered++;
    if (ended.has(pair.pairId)) continue;
    const names = { senior: pair.seniorName, junior: pair.juniorName };
    const silent = now - activity.lastActivity >= DORMANT_AFTER_MS;
    if (silent) dormant++;
    const unanswered = activity.openQuestions.some((askedAt) => now - askedAt >= UNANSWERED_AFTER_MS);
    const reasons: CheckInReason[] = [...(silent ? (['silent'] as const) : []), ...(unanswered ? (['unanswered'] as const) : [])];
    if (reasons.length) checkIns.push({ ...names, reasons });
    if (pair.endsAt - now <= ENDING_SOON_MS) endingSoon.push({ ...names, endsAt: pair.endsAt });
  }

  const questionMessages = input.messages.filter((m) => m.kind === 'question');
  const lastWeek = Math.max(1, Math.ceil((Math.min(now, programme.endsAt) - programme.startsAt) / WEEK));
  const questionsPerWeek = Array.from({ length: lastWeek }, (_, index) => ({
    week: index + 1,
    startsAt: programme.startsAt + index * WEEK,
    questions: 0,
  }));
  for (const question of questionMessages) {
    const index = Math.min(lastWeek - 1, Math.max(0, Math.floor((question.receivedAt - programme.startsAt) / WEEK)));
    questionsPerWeek[index]!.questions++;
  }

  const sortedDelays = delays.sort((a, b) => a - b);
  const endedRatings = input.ratings.filter((r) => ended.has(r.pairId));
  const ratedPairs = new Set(endedRatings.map((r) => r.pairId)).size;
  const fromJuniors = questionMessages.filter((m) => m.senderRole === 'helper').length;
  const enough = (pairs: number) => pairs >= MIN_GROUP_PAIRS;

  return {
    ...header,
    figures: {
      pairs: { total: input.pairs.length, active: input.pairs.length - ended.size - dormant, dormant, ended: ended.size },
      questions,
      questionsPerWeek,
      answeredShare: enough(pairsAsking) ? answered / questions : null,
      timeToFirstAnswer: enough(pairsAnswered)
        ? { medianMs: percentile(sortedDelays, 0.5), p90Ms: percentile(sortedDelays, 0.9) }
        : null,
      twoWayShare: enough(pairsAsking) ? fromJuniors / questions : null,
      kudos: input.messages.filter((m) => m.kind === 'kudos').length,
      ratings: enough(ratedPairs)
        ? {
            averageRating: endedRatings.reduce((sum, r) => sum + r.rating, 0) / endedRatings.length,
            recommendShare: endedRatings.filter((r) => r.wouldRecommend).length / endedRatings.length,
          }
        : null,
      endingSoon: endingSoon.sort((a, b) => a.endsAt - b.endsAt),
      checkIns,
    },
  };
}
