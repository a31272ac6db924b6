import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { AskForm } from '@/components/AskForm';
import { AskBackendProvider } from '@/components/ask-backend';
import { localAskBackend } from '@/lib/ask/ask-backend-local';
import { PairNotices } from '@/components/PairNotices';
import { SiteRecall } from '@/components/SiteRecall';
import { useServices } from '@/components/services';
import { Tabs } from '@/components/Tabs';
import { UpdateNotice } from '@/components/UpdateNotice';
import { ThreadList } from '@/components/ThreadList';
import { allFromBuddy, allMine, readInboxPage } from '@/lib/conversation/inbox';
import { initialTab, newsTabLabels, type HomeTab } from '@/lib/conversation/news';
import { takeThreadToOpen, threadFromHash } from '@/lib/conversation/open-thread';
import { t } from '@/lib/i18n/i18n';
import { takePendingAsk, type PendingAsk } from '@/lib/ask/pending-ask';
import { pendingAskSetting } from '@/lib/db/settings';
import { useSetting } from '@/components/useSetting';
import { PopupFooter } from './PopupFooter';
import { ReplayOffer } from '@/components/walkthrough/ReplayOffer';
import { ReplayPlaceProvider, type ReplayPlace } from '@/components/walkthrough/ReplayContext';

// The inbox, which every opening shows, does not wait for these. The thread view is fetched
// once the inbox is drawn, so opening a question does not wait either. The ask form is not
// deferred: "Ask my buddy" is the popup's first button, often clicked at once.
const loadThreadView = () => import('@/components/ThreadView');
const ThreadView = lazy(() => loadThreadView().then((module) => ({ default: module.ThreadView })));
const KnowledgeLog = lazy(() => import('@/components/KnowledgeLog').then((module) => ({ default: module.KnowledgeLog })));
const ProgrammeTab = lazy(() =>
  import('@/components/programme/ProgrammeTab').then((module) => ({ default: module.ProgrammeTab })),
);
const ProgrammeBanners = lazy(() =>
  import('@/components/programme/ProgrammeBanners').then((module) => ({ default: module.ProgrammeBanners })),
);

/** The home's tabs: the news tabs, and the pairs' programme. */
type PopupTab = HomeTab | 'programme';

/** Rows per list before "show all": what fits in a popup and a glance. */
const POPUP_LIST_SIZE = 20;

type View = { name: 'home' } | { name: 'ask'; fromMenu?: PendingAsk } | { name: 'thread'; threadId: string };

/** Opened on `#thread=<id>` (a notification click where no popup could open): that thread first. */
function viewFromAddress(): View {
  const threadId = threadFromHash(window.location.hash);
  return threadId ? { name: 'thread', threadId } : { name: 'home' };
}

interface Props {
  tabId?: number;
  surface?: 'popup' | 'side-panel';
}

export function Popup({ tabId, surface = 'popup' }: Props) {
  const { db, client } = useServices();
  const [view, setView] = useState<View>(viewFromAddress);
  // null until the first read: then the tab with news, kept so that news arriving later never moves the person.
  const [chosenTab, setTab] = useState<PopupTab | null>(null);
  // A banner's "Wrap up" opens the programme tab on that pair's wrap-up.
  const [wrapUpPair, setWrapUpPair] = useState<string | null>(null);
  const askBackend = useMemo(() => localAskBackend(db, () => void client.syncNow()), [db, client]);
  // Only the toolbar popup holds the activeTab grant that lets it play a walkthrough in the page; then it gets out of the way.
  const replayPlace = useMemo<ReplayPlace>(
    () => ({ canInject: surface === 'popup', ...(tabId === undefined ? {} : { tabId }), onStarted: () => window.close() }),
    [surface, tabId],
  );
  const page = useLiveQuery(() => readInboxPage(db, POPUP_LIST_SIZE), []);
  const pairs = page?.pairs;
  const news = page?.news;
  useEffect(() => {
    if (news && chosenTab === null) setTab(initialTab(news));
  }, [news, chosenTab]);

  // The toolbar popup a notification click opened: the background left it the thread to show.
  useEffect(() => {
    if (surface !== 'popup') return;
    void takeThreadToOpen(db).then(
      (threadId) => threadId && setView({ name: 'thread', threadId }),
      (error: unknown) => console.warn('Binôme could not read which thread to open', error),
    );
  }, [db, surface]);

  // Opened for a page that refuses the in-page panel (or already open beside it): go straight
  // to the ask form with what was clicked. Watched, because the note may land after the first render.
  const pendingNote = useSetting(db, pendingAskSetting);
  useEffect(() => {
    // A side panel or window opened for one tab leaves another tab's note to its own.
    if (!pendingNote || (tabId !== undefined && pendingNote.tabId !== tabId)) return;
    void takePendingAsk(db).then(
      (pending) => pending && setView({ name: 'ask', fromMenu: pending }),
      (error: unknown) => console.warn('Binôme could not read what was clicked', error),
    );
  }, [db, pendingNote, tabId]);
  useEffect(() => {
    void client.syncNow();
  }, [client]);
  const shown = page !== undefined;
  useEffect(() => {
    if (!shown) return;
    // Once the inbox is drawn, not before: fetching them must not delay it.
    const idle = requestIdleCallback(() => void loadThreadView());
    return () => cancelIdleCallback(idle);
  }, [shown]);
  const className = surface === 'side-panel' ? 'popup side-panel' : 'popup';

  if (!page || !pairs) return null;
  const home = () => setView({ name: 'home' });
  const open = (threadId: string) => setView({ name: 'thread', threadId });

  if (pairs.length === 0) {
    return (
      <main className={`${className} welcome`}>
        <h1>{t('app_name')}</h1>
        <p>{t('welcome_text')}</p>
        <UpdateNotice />
        <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('welcome_setup')}
        </button>
      </main>
    );
  }
  if (view.name === 'ask') {
    return (
      <main className={className}>
        <AskBackendProvider backend={askBackend}>
          <AskForm
            // The form is remounted for each new click, so it captures that click's page.
            key={view.fromMenu?.at ?? 0}
            tabId={view.fromMenu?.tabId ?? tabId}
            fromMenu={view.fromMenu}
            onPointing={() => window.close()}
            onSent={open}
            onCancel={home}
          />
        </AskBackendProvider>
      </main>
    );
  }
  if (view.name === 'thread') {
    return (
      <main className={className}>
        <Suspense fallback={null}>
          <ReplayPlaceProvider value={replayPlace}>
            <ThreadView threadId={view.threadId} onBack={home} headingLevel={1} tabId={tabId} screen={{ tabId }} />
          </ReplayPlaceProvider>
        </Suspense>
      </main>
    );
  }

  const tab = chosenTab ?? initialTab(page.news);
  const labels = newsTabLabels(page.news);
  const peerName = (pairId: string) => pairs.find((pair) => pair.pairId === pairId)?.peerName ?? '';
  return (
    <main className={className}>
      <ReplayPlaceProvider value={replayPlace}>
        <header>
          <h1>{t('app_name')}</h1>
          <button type="button" className="primary ask-button" onClick={() => setView({ name: 'ask' })}>
            {t('ask_button')}
          </button>
        </header>
        <ReplayOffer />
        <UpdateNotice />
        <PairNotices pairs={pairs} />
        <Suspense fallback={null}>
          <ProgrammeBanners
            onAsk={() => setView({ name: 'ask' })}
            onWrapUp={(pairId) => {
              setWrapUpPair(pairId);
              setTab('programme');
            }}
          />
        </Suspense>
        <SiteRecall tabId={tabId} onOpen={open} />
        <Tabs<PopupTab>
          label={t('tabs_label')}
          selected={tab}
          onSelect={setTab}
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
                    onOpen={open}
                    more={{ total, loadAll: () => allFromBuddy(db, pair.pairId) }}
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
                onOpen={open}
                more={{ total: page.mineTotal, loadAll: () => allMine(db) }}
                detail={(thread) => t('mine_to', peerName(thread.pairId))}
              />
            ))}
          {tab === 'log' && (
            <Suspense fallback={null}>
              <KnowledgeLog onOpen={open} />
            </Suspense>
          )}
          {tab === 'programme' && (
            <Suspense fallback={null}>
              <ProgrammeTab key={wrapUpPair ?? ''} initial={wrapUpPair ? { screen: 'wrap-up', pairId: wrapUpPair } : undefined} />
            </Suspense>
          )}
        </Tabs>
        <PopupFooter />
      </ReplayPlaceProvider>
    </main>
  );
}
