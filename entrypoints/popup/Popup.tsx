import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { PairNotices } from '@/components/PairNotices';
import { SiteRecall } from '@/components/SiteRecall';
import { useServices } from '@/components/services';
import { UpdateNotice } from '@/components/UpdateNotice';
import { useLanguageChoice } from '@/components/useLanguageChoice';
import { allFromBuddy, allMine, INBOX_FIRST_ROWS, readInboxPage } from '@/lib/conversation/inbox';
import { writeInboxSummary } from '@/lib/conversation/inbox-summary';
import { initialTab } from '@/lib/conversation/news-tabs';
import { takeThreadToOpen } from '@/lib/conversation/open-thread';
import { takePendingAsk } from '@/lib/ask/pending-ask';
import { pendingAskSetting } from '@/lib/db/settings';
import { useSetting } from '@/components/useSetting';
import { PopupHome, type PopupTab } from './PopupHome';
import { PopupShell } from './PopupShell';
import { viewFromAddress, type PopupStart, type View } from './view';
import { loadAskForm, loadThreadView, prefetch } from './screens';
import { ReplayOffer } from '@/components/walkthrough/ReplayOffer';
import { ReplayPlaceProvider, type ReplayPlace } from '@/components/walkthrough/ReplayContext';

// The inbox, which every opening shows, does not wait for these. The ask form and the thread
// view are fetched as soon as the person points at (or tabs to) what opens them, which comes
// tens of milliseconds before the click, so neither is part of what every opening loads.
const ThreadView = lazy(() => loadThreadView().then((module) => ({ default: module.ThreadView })));
const AskScreen = lazy(() => loadAskForm().then((module) => ({ default: module.AskScreen })));
const KnowledgeLog = lazy(() => import('@/components/KnowledgeLog').then((module) => ({ default: module.KnowledgeLog })));
const ProgrammeTab = lazy(() =>
  import('@/components/programme/ProgrammeTab').then((module) => ({ default: module.ProgrammeTab })),
);
const ProgrammeBanners = lazy(() =>
  import('@/components/programme/ProgrammeBanners').then((module) => ({ default: module.ProgrammeBanners })),
);

const PREFETCH = { ask: prefetch(loadAskForm), thread: prefetch(loadThreadView) };

interface Props {
  tabId?: number;
  surface?: 'popup' | 'side-panel';
  /** Taking over from the first paint (entrypoints/popup/main.tsx): its page, tab and view. */
  start?: PopupStart;
}

export function Popup({ tabId, surface = 'popup', start }: Props) {
  const { db, client } = useServices();
  const [view, setView] = useState<View>(() => start?.view ?? viewFromAddress());
  // null until the first read: then the tab with news, kept so that news arriving later never moves the person.
  const [chosenTab, setTab] = useState<PopupTab | null>(start?.tab ?? null);
  // A banner's "Wrap up" opens the programme tab on that pair's wrap-up.
  const [wrapUpPair, setWrapUpPair] = useState<string | null>(null);
  // Only the toolbar popup holds the activeTab grant that lets it play a walkthrough in the page; then it gets out of the way.
  const replayPlace = useMemo<ReplayPlace>(
    () => ({ canInject: surface === 'popup', ...(tabId === undefined ? {} : { tabId }), onStarted: () => window.close() }),
    [surface, tabId],
  );
  const livePage = useLiveQuery(() => readInboxPage(db, INBOX_FIRST_ROWS), []);
  // The summary drew the first paint; the first live read replaces it (the same, unless it just changed).
  const page = livePage ?? start?.page ?? undefined;
  const pairs = page?.pairs;
  const news = page?.news;
  // What this popup reads live is the freshest summary there is: the next opening starts from it.
  const language = useLanguageChoice(db);
  useEffect(() => {
    if (!livePage || language === undefined || surface !== 'popup') return;
    writeInboxSummary(livePage, language).catch((error: unknown) =>
      console.warn('Binôme could not keep its inbox summary', error),
    );
  }, [livePage, language, surface]);
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
  const className = surface === 'side-panel' ? 'popup side-panel' : 'popup';

  // Until the first read: what the page's HTML painted before any script, unchanged.
  if (!page || !pairs) return <PopupShell className={className} />;
  const home = () => setView({ name: 'home' });
  const open = (threadId: string) => setView({ name: 'thread', threadId });
  // With no buddy yet, the welcome is all there is, whatever was asked for.
  const welcome = pairs.length === 0;

  if (!welcome && view.name === 'ask') {
    return (
      <main className={className}>
        <Suspense fallback={null}>
          <AskScreen
            // The form is remounted for each new click, so it captures that click's page.
            key={view.fromMenu?.at ?? 0}
            tabId={view.fromMenu?.tabId ?? tabId}
            fromMenu={view.fromMenu}
            onPointing={() => window.close()}
            onSent={open}
            onCancel={home}
          />
        </Suspense>
      </main>
    );
  }
  if (!welcome && view.name === 'thread') {
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

  const ask = () => setView({ name: 'ask' });
  return (
    <ReplayPlaceProvider value={replayPlace}>
      <PopupHome
        page={page}
        tab={chosenTab ?? initialTab(page.news)}
        className={className}
        onSelectTab={setTab}
        onAsk={ask}
        prefetch={PREFETCH}
        onOpen={open}
        onSetUp={() => void browser.runtime.openOptionsPage()}
        allFromBuddy={(pairId) => allFromBuddy(db, pairId)}
        allMine={() => allMine(db)}
        live={{
          offer: welcome ? null : <ReplayOffer />,
          warnings: welcome ? null : (
            <>
              <UpdateNotice />
              {/* The summary keeps no more of a pair than its name: the warnings wait for the live read. */}
              {livePage && <PairNotices pairs={livePage.pairs} />}
            </>
          ),
          notices: welcome ? (
            <UpdateNotice />
          ) : (
            <>
              <Suspense fallback={null}>
                <ProgrammeBanners
                  onAsk={ask}
                  onWrapUp={(pairId) => {
                    setWrapUpPair(pairId);
                    setTab('programme');
                  }}
                />
              </Suspense>
              <SiteRecall tabId={tabId} onOpen={open} />
            </>
          ),
          log: (
            <Suspense fallback={null}>
              <KnowledgeLog onOpen={open} />
            </Suspense>
          ),
          programme: (
            <Suspense fallback={null}>
              <ProgrammeTab key={wrapUpPair ?? ''} initial={wrapUpPair ? { screen: 'wrap-up', pairId: wrapUpPair } : undefined} />
            </Suspense>
          ),
        }}
      />
    </ReplayPlaceProvider>
  );
}
