import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { isImportedPair } from '@/lib/db/db';
import { t, tCount } from '@/lib/i18n/i18n';
import { PAGE_SIZE, searchLog, type LogFilters } from '@/lib/knowledge/search';
import { useServices } from '../services';
import { ThreadList } from '../ThreadList';

const DAY = 86_400_000;

/** "2026-11-22" from a date input, as local midnight. */
function dayStart(value: string): number | undefined {
  return value ? new Date(`${value}T00:00:00`).getTime() : undefined;
}

export function EntriesView({ onOpen }: { onOpen(threadId: string): void }) {
  const { db } = useServices();
  const id = useId();
  const [query, setQuery] = useState('');
  const [tool, setTool] = useState('');
  const [pairId, setPairId] = useState('');
  const [status, setStatus] = useState<'' | 'answered' | 'resolved'>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const pairs = useLiveQuery(() => db.pairs.orderBy('createdAt').toArray(), []);
  const tools = useLiveQuery(async () => {
    const names = new Map<string, string>();
    await db.threads
      .where('answeredAt')
      .above(0)
      .each((thread) => {
        if (thread.tool) names.set(thread.tool, thread.context?.toolName ?? thread.tool);
      });
    return [...names].sort((a, b) => a[1].localeCompare(b[1]));
  }, []);
  const filters: LogFilters = {
    ...(tool ? { tool } : {}),
    ...(pairId ? { pairId } : {}),
    ...(status ? { status } : {}),
    ...(from ? { from: dayStart(from) } : {}),
    ...(to ? { to: dayStart(to)! + DAY } : {}),
  };
  const entries = useLiveQuery(() => searchLog(db, query, filters, limit), [query, tool, pairId, status, from, to, limit]);
  // A new search starts from the first page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the search's terms are the trigger, not inputs of the effect.
  useEffect(() => setLimit(PAGE_SIZE), [query, tool, pairId, status, from, to]);
  const buddy = (thread: { pairId: string; context: { toolName: string } | null }) => {
    const pair = pairs?.find((candidate) => candidate.pairId === thread.pairId);
    // History from a file is marked: nobody can answer in it, and it did not come through the relay.
    return [thread.context?.toolName, pair?.peerName, pair && isImportedPair(pair) ? t('log_imported') : '']
      .filter(Boolean)
      .join(' · ');
  };

  return (
    <section className="entries">
      <label htmlFor={`${id}-q`}>{t('log_search_label')}</label>
      <input id={`${id}-q`} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      {/* biome-ignore lint/a11y/useSemanticElements: the filters are laid out as a grid, which a fieldset's legend cannot join. */}
      <div className="filters" role="group" aria-label={t('log_filters')}>
        <div>
          <label htmlFor={`${id}-tool`}>{t('filter_tool')}</label>
          <select id={`${id}-tool`} value={tool} onChange={(event) => setTool(event.target.value)}>
            <option value="">{t('filter_any')}</option>
            {tools?.map(([toolId, name]) => (
              <option key={toolId} value={toolId}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-buddy`}>{t('filter_buddy')}</label>
          <select id={`${id}-buddy`} value={pairId} onChange={(event) => setPairId(event.target.value)}>
            <option value="">{t('filter_any')}</option>
            {pairs?.map((pair) => (
              <option key={pair.pairId} value={pair.pairId}>
                {isImportedPair(pair) ? `${pair.peerName} (${t('log_imported')})` : pair.peerName}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-status`}>{t('filter_status')}</label>
          <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
            <option value="">{t('filter_any')}</option>
            <option value="answered">{t('status_answered')}</option>
            <option value="resolved">{t('status_resolved')}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-from`}>{t('filter_from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>{t('filter_to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
      </div>
      {entries && (
        <p role="status" className="hint">
          {tCount(entries.length === limit ? 'log_count_more' : 'log_count', entries.length)}
        </p>
      )}
      {entries && entries.length === 0 && <p>{query ? t('log_no_match') : t('log_empty')}</p>}
      {entries && entries.length > 0 && <ThreadList threads={entries} label={t('log_entries')} onOpen={onOpen} detail={buddy} />}
      {entries && entries.length === limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t('log_show_more')}
        </button>
      )}
    </section>
  );
}
