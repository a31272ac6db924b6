/**
 * Reminders before the end (D−14, D−2, and the day itself: time to wrap up) and nudges for a
 * silent pair (7 days: a friendly nudge with a next step; 14 days: pause or carry on?). Each
 * fires once: its id names what it is about (the last day, or the last activity), so a notice
 * that fired is never fired again, and new activity or a new end date arms fresh ones.
 */
import type { BinomeDb, ProgrammeNoticeRecord, Thread } from '../db/db';
import { lastActivityAt } from './activity';
import { addDays } from './dates';
import { phaseAt } from './end';
import { readPairProgramme, type PairProgrammeState } from './pair-programme';

export const NOTICE_TYPES = ['end-14', 'end-2', 'wrap-up', 'silent-7', 'silent-14'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export interface DueNotice {
  id: string;
  pairId: string;
  peerName: string;
  type: NoticeType;
  /** The last day for reminders, the last activity for nudges. */
  anchor: number;
}

const noticeId = (pairId: string, type: NoticeType, anchor: number) => `${pairId}:${type}:${anchor}`;

/**
 * What is due now for a pair, at most one reminder and one nudge: the latest that applies (a
 * programme agreed nine days before its end gets the D−2 reminder in time, not D−14 too).
 */
export function dueNotices(state: PairProgrammeState, threads: Thread[], now: number): DueNotice[] {
  const { pair, end } = state;
  // A pair that was left, or whose buddy was removed, is over: nothing to remind of.
  if (pair.leftAt !== null || pair.peerRevokedAt !== null) return [];
  const due: DueNotice[] = [];
  const notice = (type: NoticeType, anchor: number): DueNotice => ({
    id: noticeId(pair.pairId, type, anchor),
    pairId: pair.pairId,
    peerName: pair.peerName,
    type,
    anchor,
  });
  const phase = phaseAt(end, now);
  if (end && phase !== 'open') due.push(notice('wrap-up', end.lastDayStartsAt));
  else if (end && now >= addDays(end.lastDayStartsAt, -2)) due.push(notice('end-2', end.lastDayStartsAt));
  else if (end && now >= addDays(end.lastDayStartsAt, -14)) due.push(notice('end-14', end.lastDayStartsAt));
  // Once the programme is over, silence is expected.
  if (phase !== 'ended') {
    const last = lastActivityAt(pair, threads, state.items);
    if (now >= addDays(last, 14)) due.push(notice('silent-14', last));
    else if (now >= addDays(last, 7)) due.push(notice('silent-7', last));
  }
  return due;
}

export async function dueNoticesOf(db: BinomeDb, now: number): Promise<DueNotice[]> {
  const threads = await db.threads.toArray();
  const due: DueNotice[] = [];
  for (const pair of await db.pairs.toArray()) {
    if (pair.importedAt !== undefined) continue;
    due.push(...dueNotices(await readPairProgramme(db, pair), threads, now));
  }
  return due;
}

/**
 * Records the due notices that never fired and returns them, to be shown as notifications:
 * in one transaction, so two contexts checking at once fire each notice once between them.
 */
export async function fireDueNotices(db: BinomeDb, now: number): Promise<DueNotice[]> {
  const due = await dueNoticesOf(db, now);
  return db.transaction('rw', db.programmeNotices, async () => {
    const fresh: DueNotice[] = [];
    for (const notice of due) {
      if (await db.programmeNotices.get(notice.id)) continue;
      const record: ProgrammeNoticeRecord = { id: notice.id, pairId: notice.pairId, firedAt: now, dismissedAt: null };
      await db.programmeNotices.add(record);
      fresh.push(notice);
    }
    return fresh;
  });
}

/** The banners to show: what is due now and was not dismissed. */
export async function bannersOf(db: BinomeDb, now: number): Promise<DueNotice[]> {
  const due = await dueNoticesOf(db, now);
  const records = await db.programmeNotices.bulkGet(due.map((notice) => notice.id));
  return due.filter((_, index) => !records[index]?.dismissedAt);
}

export async function dismissNotice(db: BinomeDb, notice: DueNotice, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.programmeNotices, async () => {
    const record = await db.programmeNotices.get(notice.id);
    await db.programmeNotices.put({ id: notice.id, pairId: notice.pairId, firedAt: record?.firedAt ?? now, dismissedAt: now });
  });
}
