import { useLiveQuery } from 'dexie-react-hooks';
import type { Pair } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { kudosOf, qualityCounts } from '@/lib/programme/kudos';
import { useServices } from '../services';
import { QUALITY_LABELS } from './KudosForm';

/** The thanks a buddy sent me, beside what I taught them. */
export function KudosReceived({ pair }: { pair: Pair }) {
  const { db } = useServices();
  const kudos = useLiveQuery(
    async () => kudosOf(await db.programmeItems.where('pairId').equals(pair.pairId).toArray(), false),
    [pair.pairId],
  );
  if (!kudos?.length) return null;
  const headingId = `kudos-${pair.pairId}`;
  return (
    <section className="kudos-received" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('kudos_received_from', pair.peerName)}</h4>
      <ul aria-labelledby={headingId}>
        {qualityCounts(kudos).map(({ quality, count }) => (
          <li key={quality}>{t('kudos_quality_count', [t(QUALITY_LABELS[quality]), String(count)])}</li>
        ))}
      </ul>
      {kudos
        .filter((entry) => entry.message)
        .map((entry) => (
          <blockquote key={entry.id} className="message text">
            {entry.message}
          </blockquote>
        ))}
    </section>
  );
}
