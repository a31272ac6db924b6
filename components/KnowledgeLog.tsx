import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { t } from '@/lib/i18n/i18n';
import { searchLog } from '@/lib/knowledge/search';
import { useServices } from './services';
import { ThreadList } from './ThreadList';

export function KnowledgeLog({ onOpen }: { onOpen(threadId: string): void }) {
  const { db } = useServices();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const entries = useLiveQuery(() => searchLog(db, query), [query]);
  return (
    <section className="log">
      <label htmlFor={searchId}>{t('log_search_label')}</label>
      <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      {entries && entries.length === 0 && <p>{query ? t('log_no_match') : t('log_empty')}</p>}
      {entries && entries.length > 0 && <ThreadList threads={entries} label={t('log_entries')} onOpen={onOpen} />}
    </section>
  );
}
