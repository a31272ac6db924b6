import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useServices } from '@/components/services';
import { t } from '@/lib/i18n';

export function PairsList() {
  const { db } = useServices();
  const id = useId();
  const pairs = useLiveQuery(() => db.pairs.orderBy('createdAt').toArray(), []);
  if (!pairs) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('pairs_title')}</h2>
      {pairs.length === 0 ? (
        <p>{t('pairs_empty')}</p>
      ) : (
        <ul className="pairs" aria-labelledby={id}>
          {pairs.map((pair) => (
            <li key={pair.pairId}>
              <span className="buddy-name">{pair.peerName}</span>
              {' — '}
              <span className="role">{pair.myRole === 'learner' ? t('role_learner') : t('role_helper')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
