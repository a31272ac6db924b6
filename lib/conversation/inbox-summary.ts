/**
 * The popup's first screen, kept ready: the inbox page (lib/conversation/inbox.ts: the first
 * rows per buddy, my first questions, every count, read in one transaction so they agree) and
 * the language to draw it in. The popup paints it before it has loaded its database code, then
 * its live queries take over (entrypoints/popup/). Kept in storage.session: in memory only, so
 * no second copy of the questions on disk, gone when the browser closes (the next sync round
 * writes it again). Whoever changes what the inbox shows publishes it (lib/sync/badge.ts).
 */
import { browser } from 'wxt/browser';
import type { Pair } from '../db/db';
import type { LanguageChoice } from '../i18n/language';
import type { InboxGroup, InboxPage } from './inbox';
import { INBOX_SUMMARY_KEY as KEY, takeEarlySummaryRead } from './inbox-summary-early';

/** Bumped when the shape changes, so a summary of an older shape is never drawn. */
const SHAPE = 1;

/** Of a pair, what the home draws: never its keys (a summary holds nothing the popup does not show). */
export type ShownPair = Pick<Pair, 'pairId' | 'peerName'>;

/** An inbox page as the home draws it; a full InboxPage is one too. */
export interface InboxShown extends Omit<InboxPage, 'pairs' | 'groups'> {
  pairs: ShownPair[];
  groups: (Omit<InboxGroup, 'pair'> & { pair: ShownPair })[];
}

export interface InboxSummary {
  shape: typeof SHAPE;
  language: LanguageChoice;
  page: InboxShown;
}

const shownPair = ({ pairId, peerName }: ShownPair): ShownPair => ({ pairId, peerName });

/** What of an inbox page the summary keeps. */
export function shownOf(page: InboxPage): InboxShown {
  return {
    ...page,
    pairs: page.pairs.map(shownPair),
    groups: page.groups.map((group) => ({ ...group, pair: shownPair(group.pair) })),
  };
}

function area() {
  // Firefox before 115, or a context without it: no summary, the popup waits for its database.
  return browser.storage?.session;
}

/** The popup's first read is the one its head started (inbox-summary-early.ts), when there is one. */
export async function readInboxSummary(): Promise<InboxSummary | null> {
  try {
    const stored = (await (takeEarlySummaryRead() ?? area()?.get(KEY)))?.[KEY] as InboxSummary | undefined;
    return stored?.shape === SHAPE ? stored : null;
  } catch {
    return null;
  }
}

export async function writeInboxSummary(page: InboxPage, language: LanguageChoice): Promise<void> {
  const summary: InboxSummary = { shape: SHAPE, language, page: shownOf(page) };
  await area()?.set({ [KEY]: summary });
}

/**
 * No summary until the next publication: for a popup about to open on something else than the
 * inbox (a thread, the ask form), so that it does not show the inbox first; and after the log
 * was erased.
 */
export async function dropInboxSummary(): Promise<void> {
  await area()?.remove(KEY);
}
