/**
 * The popup in two steps, so that it shows its inbox before its database code is even loaded:
 * 1. this first chunk (no Dexie, no zod) draws the home from the summary the background keeps
 *    (lib/conversation/inbox-summary.ts), in the language it names;
 * 2. then it loads the live popup (./live.tsx), which takes over with the same page, the tab
 *    and the screen the person may have chosen meanwhile, and reads Dexie from then on.
 * Without a summary (first opening after the browser started, or the popup is about to show a
 * thread or the ask form) step 1 leaves the page's static shell (index.html) as it is.
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { prepareDocument } from '@/components/mount-frame';
import { readInboxSummary } from '@/lib/conversation/inbox-summary';
import { initialTab } from '@/lib/conversation/news-tabs';
import { applyLanguage, type LanguageChoice } from '@/lib/i18n/language';
import type { InboxShown } from '@/lib/conversation/inbox-summary';
import type { Thread } from '@/lib/db/db';
import { PopupHome, type PopupTab } from './PopupHome';
import { viewFromAddress, type PopupStart } from './view';

const tabParam = new URLSearchParams(location.search).get('tabId');
const tabId = tabParam ? Number(tabParam) : undefined;
/** What the person chose before the live popup arrived: it starts there. */
const start: PopupStart = { page: null, tab: null, view: viewFromAddress() };

function FirstPaint({ page }: { page: InboxShown }) {
  const [tab, setTab] = useState<PopupTab>(() => initialTab(page.news));
  const choose = (chosen: PopupTab) => {
    start.tab = chosen;
    setTab(chosen);
  };
  // "Show all" before the live popup is there: the same query, its code loaded on that click.
  const live = () => import('./live');
  return (
    <PopupHome
      page={page}
      tab={tab}
      className="popup"
      onSelectTab={choose}
      onAsk={() => {
        start.view = { name: 'ask' };
      }}
      onOpen={(threadId) => {
        start.view = { name: 'thread', threadId };
      }}
      onSetUp={() => void browser.runtime.openOptionsPage()}
      allFromBuddy={(pairId): Promise<Thread[]> => live().then((module) => module.allFromBuddy(pairId))}
      allMine={(): Promise<Thread[]> => live().then((module) => module.allMine())}
    />
  );
}

/** Draws the home from the summary, if there is one; returns the language it was drawn in. */
async function firstPaint(): Promise<LanguageChoice | undefined> {
  if (start.view.name !== 'home') return undefined;
  const summary = await readInboxSummary();
  if (!summary) return undefined;
  await applyLanguage(summary.language);
  start.page = summary.page;
  start.tab = initialTab(summary.page.news);
  prepareDocument('app_name').render(<FirstPaint page={summary.page} />);
  performance.mark('binome:first-paint-from-summary');
  return summary.language;
}

/** Resolves once the browser has painted the frame that was being prepared. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

void (async () => {
  const language = await firstPaint().catch((error: unknown) => {
    console.warn('Binôme could not draw its inbox summary', error);
    return undefined;
  });
  // The inbox drawn is painted first: loading the rest now would hold the frame back by the
  // time it takes to compile it (measured: 40 to 50 ms on a busy machine).
  if (language !== undefined) await nextFrame();
  const { mountLivePopup } = await import('./live');
  await mountLivePopup(tabId, start, language);
})();
