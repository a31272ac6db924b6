/**
 * The toolbar badge: how many things wait for me (lib/conversation/news.ts). Redrawn after each
 * sync round and by the page that marks a thread read, so a read answer stops counting at once.
 */
import { toolbarButton } from '../platform/toolbar-button';
import type { BinomeDb } from '../db/db';
import { newsTotal, readNews } from '../conversation/news';

export async function updateBadge(db: BinomeDb): Promise<void> {
  const count = newsTotal(await readNews(db));
  const button = toolbarButton();
  await button.setBadgeText({ text: count ? String(count) : '' });
  await button.setBadgeBackgroundColor({ color: '#b3261e' });
}
