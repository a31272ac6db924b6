/**
 * What the background does for the programme after each sync round (so at least every minute,
 * by the poll alarm): learn the programme dates the relay reports, hand it the ratings the
 * person chose to share, and fire the reminders and nudges that fell due, once each.
 * `now` is read when the round runs, never kept: see tests/e2e/programme.spec.ts for the clock.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { fireDueNotices, type DueNotice } from './notices';
import { noticeBody, noticeTitle } from './notice-text';
import { noProgrammeRelay, refreshProgrammes, sharePendingRatings, type ProgrammeRelay } from './programme-relay';

export const PROGRAMME_NOTICE_PREFIX = 'binome-programme';

async function notify(notice: DueNotice): Promise<void> {
  await browser.notifications
    .create(`${PROGRAMME_NOTICE_PREFIX}:${notice.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: noticeTitle(notice),
      message: noticeBody(notice),
    })
    .catch((error: unknown) => console.warn('Binôme could not show a reminder', error));
}

export async function programmeRound(
  db: BinomeDb,
  now = Date.now(),
  relay: ProgrammeRelay = noProgrammeRelay,
): Promise<DueNotice[]> {
  // The relay's part is best effort: the reminders must fire even when it cannot be reached.
  await refreshProgrammes(db, relay).catch((error: unknown) => console.warn('Binôme could not read the programmes', error));
  await sharePendingRatings(db, relay, now);
  const fired = await fireDueNotices(db, now);
  for (const notice of fired) await notify(notice);
  return fired;
}
