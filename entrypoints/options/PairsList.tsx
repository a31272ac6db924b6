import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { ConfirmButton } from '@/components/ConfirmButton';
import { OrderWarning, PairStanding } from '@/components/PairNotices';
import { SafetyNumbers } from '@/components/SafetyNumbers';
import { useServices } from '@/components/services';
import { StatusMessage } from '@/components/StatusMessage';
import { useSubmit } from '@/components/useSubmit';
import type { Pair } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { acceptOfferedKey } from '@/lib/trust/keys';

/** Both sides see it; the log stays. A pair known only from an import has nothing to leave. */
function LeavePair({ pair }: { pair: Pair }) {
  const { client } = useServices();
  const { error, run } = useSubmit();
  if (pair.leftAt !== null || !pair.relayUrl) return null;
  const leave = () => void run(() => client.leavePair(pair.pairId));
  return (
    <>
      <ConfirmButton
        label={t('pair_leave')}
        question={t('pair_leave_question', pair.peerName)}
        confirmLabel={t('pair_leave_confirm')}
        cancelLabel={t('cancel')}
        onConfirm={leave}
      />
      <StatusMessage text={error} error />
    </>
  );
}

function PairItem({ pair }: { pair: Pair }) {
  const { db } = useServices();
  const id = useId();
  return (
    <li aria-labelledby={id}>
      <h3 id={id}>
        {pair.peerName} — {pair.myRole === 'learner' ? t('role_learner') : t('role_helper')}
      </h3>
      <PairStanding pair={pair} />
      <OrderWarning pair={pair} />
      {pair.pairKey && (
        // Shown in full right after pairing (PairingSection); here, one click away.
        <details className="safety-details">
          <summary>
            {pair.verified ? t('safety_summary_checked', pair.peerName) : t('safety_summary_unchecked', pair.peerName)}
          </summary>
          <SafetyNumbers pair={pair} />
        </details>
      )}
      {pair.offeredPeerKey && (
        <div role="alert" className="key-warning">
          <p className="error">{t('key_changed_warning', pair.peerName)}</p>
          <SafetyNumbers pair={pair} peerKey={pair.offeredPeerKey} />
          <button type="button" onClick={() => void acceptOfferedKey(db, pair.pairId)}>
            {t('key_changed_accept', pair.peerName)}
          </button>
        </div>
      )}
      <LeavePair pair={pair} />
    </li>
  );
}

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
            <PairItem key={pair.pairId} pair={pair} />
          ))}
        </ul>
      )}
    </section>
  );
}
