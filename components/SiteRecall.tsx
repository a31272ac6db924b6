import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { targetTab } from '@/lib/capture/target-tab';
import { siteOf } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { entriesForSite } from '@/lib/knowledge/search';
import { useServices } from './services';
import { ThreadList } from './ThreadList';
import { buddyWalkthroughs } from '@/lib/walkthrough/replays';
import { ReplayShortcut } from './walkthrough/ReplayShortcut';

/** "From your log for this site": what the buddy already taught here, among the popup home's notices. */
export function SiteRecall({ tabId, onOpen }: { tabId?: number; onOpen(threadId: string): void }) {
  const { db } = useServices();
  const [site, setSite] = useState('');
  useEffect(() => {
    void targetTab(tabId).then(
      (tab) => setSite(siteOf(tab?.url)),
      () => setSite(''),
    );
  }, [tabId]);
  const entries = useLiveQuery(() => entriesForSite(db, site), [site]);
  // What the buddy showed rather than told here can be shown again at once.
  const walkthroughs = useLiveQuery(
    async () =>
      buddyWalkthroughs(
        db,
        (entries ?? []).map((entry) => entry.id),
      ),
    [entries],
  );
  if (!entries?.length) return null;
  return (
    <section className="recall" aria-labelledby="recall-title">
      <h2 id="recall-title">{t('recall_title')}</h2>
      <ThreadList threads={entries} label={t('recall_title')} onOpen={onOpen} />
      {walkthroughs?.map((message) => (
        <ReplayShortcut
          key={message.id}
          message={message}
          text={entries.find((entry) => entry.id === message.threadId)?.question ?? ''}
          label={t('walkthrough_show')}
        />
      ))}
    </section>
  );
}
