/**
 * What the counts of lib/conversation/news.ts mean on screen: the badge's number, the tab the
 * popup opens on, the tabs' names. Kept apart from the reading (no database code), so the
 * popup's first paint can draw them from its summary (inbox-summary.ts).
 */
import { t, tCount } from '../i18n/i18n';

export interface News {
  /** My buddies' questions (and follow-ups) waiting for my answer: "Questions for me". */
  toAnswer: number;
  /** My questions with an answer I have not read yet: "My questions". */
  unreadAnswers: number;
}

/** What the toolbar badge shows. */
export function newsTotal(news: News): number {
  return news.toAnswer + news.unreadAnswers;
}

export type HomeTab = 'inbox' | 'mine' | 'log';

/**
 * The tab the popup opens on: where something waits, a buddy's question first (someone is
 * waiting for me), else my answers; with nothing new, the inbox as before.
 */
export function initialTab(news: News): HomeTab {
  if (news.toAnswer > 0) return 'inbox';
  if (news.unreadAnswers > 0) return 'mine';
  return 'inbox';
}

/** The tabs' names, each with its count when something waits there: "My questions (1 new)". */
export function newsTabLabels(news: News): { inbox: string; mine: string } {
  return {
    inbox: news.toAnswer ? tCount('inbox_tab_count', news.toAnswer) : t('tab_inbox'),
    mine: news.unreadAnswers ? tCount('mine_tab_count', news.unreadAnswers) : t('tab_mine'),
  };
}
