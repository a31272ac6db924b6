import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { AskForm } from '@/components/AskForm';
import { AskBackendProvider } from '@/components/ask-backend';
import { localAskBackend } from '@/lib/ask-backend-local';
import { KnowledgeLog } from '@/components/KnowledgeLog';
import { SiteRecall } from '@/components/SiteRecall';
import { useServices } from '@/components/services';
import { Tabs } from '@/components/Tabs';
import { groupByPair, ThreadList } from '@/components/ThreadList';
import { ThreadView } from '@/components/ThreadView';
import { t } from '@/lib/i18n';
import { PENDING_ASK_KEY, takePendingAsk, type PendingAsk } from '@/lib/pending-ask';
import { isUnread } from '@/lib/threads';

/** Rows per list before "show all": what fits in a popup and a glance. */
const POPUP_LIST_SIZE = 20;

type View =
  | { name: 'home' }
  | { name: 'ask'; fromMenu?: PendingAsk }
  | { name: 'thread'; threadId: string };
type HomeTab = 'inbox' | 'mine' | 'log';

export function Popup({ tabId, surface = 'popup' }: { tabId?: number; surface?: 'popup' | 'side-panel' }) {
  const { db, client } = useServices();
  const [view, setView] = useState<View>({ name: 'home' });
  const [tab, setTab] = useState<HomeTab>('inbox');
  const askBackend = useMemo(() => localAskBackend(db, () => void client.syncNow()), [db, client]);
  const pairs = useLiveQuery(() => db.pairs.orderBy('createdAt').toArray(), []);
  const incoming = useLiveQuery(() => db.threads.where('direction').equals('incoming').toArray(), []);
  const outgoing = useLiveQuery(
    async () => (await db.threads.where('direction').equals('outgoing').toArray()).sort((a, b) => b.updatedAt - a.updatedAt),
    [],
  );

  // Opened for a page that refuses the in-page panel (or already open beside it): go straight
  // to the ask form with what was clicked. Watched, because the note may land after the first render.
  const pendingNote = useLiveQuery(() => db.settings.get(PENDING_ASK_KEY), []);
  useEffect(() => {
    if (pendingNote) void takePendingAsk(db).then((pending) => pending && setView({ name: 'ask', fromMenu: pending }));
  }, [db, pendingNote]);
  useEffect(() => {
    void client.syncNow();
  }, [client]);
  const className = surface === 'side-panel' ? 'popup side-panel' : 'popup';

  if (!pairs || !incoming || !outgoing) return null;
  const home = () => setView({ name: 'home' });
  const open = (threadId: string) => setView({ name: 'thread', threadId });

  if (pairs.length === 0) {
    return (
      <main className={`${className} welcome`}>
        <h1>{t('app_name')}</h1>
        <p>{t('welcome_text')}</p>
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
        <ThreadView threadId={view.threadId} onBack={home} />
      </main>
    );
  }

  const unreadCount = incoming.filter(isUnread).length;
  const peerName = (pairId: string) => pairs.find((pair) => pair.pairId === pairId)?.peerName ?? '';
  return (
    <main className={className}>
      <header>
        <h1>{t('app_name')}</h1>
        <button type="button" className="primary ask-button" onClick={() => setView({ name: 'ask' })}>
          {t('ask_button')}
        </button>
      </header>
      <SiteRecall tabId={tabId} onOpen={open} />
      <Tabs<HomeTab>
        label={t('tabs_label')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { key: 'inbox', label: unreadCount ? t('tab_inbox_count', String(unreadCount)) : t('tab_inbox') },
          { key: 'mine', label: t('tab_mine') },
          { key: 'log', label: t('tab_log') },
        ]}
      >
        {tab === 'inbox' &&
          (incoming.length === 0 ? (
            <p>{t('inbox_empty')}</p>
          ) : (
            groupByPair(incoming, pairs).map(({ pair, threads }) => (
              <section key={pair.pairId} aria-labelledby={`buddy-${pair.pairId}`}>
                <h2 id={`buddy-${pair.pairId}`}>{t('inbox_from', pair.peerName)}</h2>
                <ThreadList threads={threads} label={t('inbox_from', pair.peerName)} onOpen={open} initialCount={POPUP_LIST_SIZE} />
              </section>
            ))
          ))}
        {tab === 'mine' &&
          (outgoing.length === 0 ? (
            <p>{t('mine_empty')}</p>
          ) : (
            <ThreadList
              threads={outgoing}
              label={t('tab_mine')}
              onOpen={open}
              initialCount={POPUP_LIST_SIZE}
              detail={(thread) => t('mine_to', peerName(thread.pairId))}
            />
          ))}
        {tab === 'log' && <KnowledgeLog onOpen={open} />}
      </Tabs>
      <footer>
        <button
          type="button"
          className="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/log.html') })}
        >
          {t('open_full_log')}
        </button>
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </footer>
    </main>
  );
}
