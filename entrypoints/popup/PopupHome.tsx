import type { ReactNode } from 'react';
import { Tabs } from '@/components/Tabs';
import { ThreadList } from '@/components/ThreadList';
import type { Thread } from '@/lib/db/db';
import type { InboxShown } from '@/lib/conversation/inbox-summary';
import { newsTabLabels, type HomeTab } from '@/lib/conversation/news-tabs';
import { t } from '@/lib/i18n/i18n';
import { PopupFooter } from './PopupFooter';

/** The home's tabs: the news tabs, and the pairs' programme. */
export type PopupTab = HomeTab | 'programme';

export interface PopupHomeProps {
  page: InboxShown;
  tab: PopupTab;
  className: string;
  onSelectTab(tab: PopupTab): void;
  onAsk(): void;
  onOpen(threadId: string): void;
  onSetUp(): void;
  allFromBuddy(pairId: string): Promise<Thread[]>;
  allMine(): Promise<Thread[]>;
  /** Starts loading the ask form, or the thread view, when the person heads for them (entrypoints/popup/screens.ts). */
  prefetch?: { ask(): void; thread(): void };
  /**
   * What the database's own queries draw: the walkthrough the person asked to see here and the
   * warnings (a relay update, a message that may be missing, a buddy who must pair again), above
   * the tabs; the notices (programme banners, what the log knows of this site), below the list;
   * and the log and programme tabs. The first paint, drawn from the summary before the database
   * code is loaded, has none of them. The everyday notices come below the list, so that their
   * arrival never moves a row the person is about to click; the warnings are rare and must be
   * seen without scrolling past twenty rows, so they stay on top and move the list once.
   */
  live?: { offer: ReactNode; warnings: ReactNode; notices: ReactNode; log: ReactNode; programme: ReactNode };
}

/**
 * The popup's home (or its welcome, with no buddy yet), drawn from an inbox page alone: the
 * same component draws the first paint from the summary and the live popup from Dexie, so the
 * hand-over changes nothing on screen that did not change in the data.
 */
export function PopupHome({
  page,
  tab,
  className,
  onSelectTab,
  onAsk,
  onOpen,
  onSetUp,
  allFromBuddy,
  allMine,
  prefetch,
  live,
}: PopupHomeProps) {
  const { pairs } = page;
  if (pairs.length === 0) {
    return (
      <main className={`${className} welcome`}>
        <h1>{t('app_name')}</h1>
        <p>{t('welcome_text')}</p>
        <button type="button" className="primary" onClick={onSetUp}>
          {t('welcome_setup')}
        </button>
        {live?.notices}
      </main>
    );
  }
  const labels = newsTabLabels(page.news);
  const peerName = (pairId: string) => pairs.find((pair) => pair.pairId === pairId)?.peerName ?? '';
  return (
    // A pointer over the popup, or the keyboard in it, heads for a thread before it clicks one.
    <main className={className} onPointerOver={prefetch?.thread} onFocus={prefetch?.thread}>
      <header>
        <h1>{t('app_name')}</h1>
        <button
          type="button"
          className="primary ask-button"
          onClick={onAsk}
          onPointerEnter={prefetch?.ask}
          onFocus={prefetch?.ask}
        >
          {t('ask_button')}
        </button>
      </header>
      {/* Only there after the person asked for it on another page: what they opened the popup for. */}
      {live?.offer}
      {live?.warnings}
      <Tabs<PopupTab>
        label={t('tabs_label')}
        selected={tab}
        onSelect={onSelectTab}
        tabs={[
          { key: 'inbox', label: labels.inbox },
          { key: 'mine', label: labels.mine },
          { key: 'log', label: t('tab_log') },
          { key: 'programme', label: t('tab_programme') },
        ]}
      >
        {tab === 'inbox' &&
          (page.groups.length === 0 ? (
            <p>{t('inbox_empty')}</p>
          ) : (
            page.groups.map(({ pair, threads, total }) => (
              <section key={pair.pairId} aria-labelledby={`buddy-${pair.pairId}`}>
                <h2 id={`buddy-${pair.pairId}`}>{t('inbox_from', pair.peerName)}</h2>
                <ThreadList
                  threads={threads}
                  label={t('inbox_from', pair.peerName)}
                  onOpen={onOpen}
                  more={{ total, loadAll: () => allFromBuddy(pair.pairId) }}
                />
              </section>
            ))
          ))}
        {tab === 'mine' &&
          (page.mineTotal === 0 ? (
            <p>{t('mine_empty')}</p>
          ) : (
            <ThreadList
              threads={page.mine}
              label={t('tab_mine')}
              onOpen={onOpen}
              more={{ total: page.mineTotal, loadAll: allMine }}
              detail={(thread) => t('mine_to', peerName(thread.pairId))}
            />
          ))}
        {tab === 'log' && live?.log}
        {tab === 'programme' && live?.programme}
      </Tabs>
      {live?.notices}
      <PopupFooter />
    </main>
  );
}
