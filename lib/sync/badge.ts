/**
 * What waits for me, published: the toolbar badge (lib/conversation/news.ts) and the popup's
 * summary (lib/conversation/inbox-summary.ts), from one read of the inbox so that the two agree.
 * Published after each sync round, by the page that marks a thread read (a read answer stops
 * counting at once), and after anything else that changes the inbox (a pair left, an import,
 * a language chosen).
 */
import { toolbarButton } from '../platform/toolbar-button';
import type { BinomeDb } from '../db/db';
import { INBOX_FIRST_ROWS, readInboxPage } from '../conversation/inbox';
import { writeInboxSummary } from '../conversation/inbox-summary';
import { newsTotal } from '../conversation/news-tabs';
import { readLanguageChoice } from '../db/settings';

export async function publishNews(db: BinomeDb): Promise<void> {
  const [page, language] = await Promise.all([readInboxPage(db, INBOX_FIRST_ROWS), readLanguageChoice(db)]);
  const count = newsTotal(page.news);
  const button = toolbarButton();
  await button.setBadgeText({ text: count ? String(count) : '' });
  await button.setBadgeBackgroundColor({ color: '#b3261e' });
  // Only a head start for the popup, which reads Dexie anyway: a failure must not fail the round.
  await writeInboxSummary(page, language).catch((error: unknown) =>
    console.warn('Binôme could not keep its inbox summary', error),
  );
}
