import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { ConfirmButton } from '@/components/ConfirmButton';
import { sentenceForError } from '@/components/errors';
import { OrderWarning, PairStanding } from '@/components/PairNotices';
import { useServices } from '@/components/services';
import { safetyCode } from '@/lib/crypto';
import type { Pair } from '@/lib/db';
import { t } from '@/lib/i18n';
import { acceptOfferedKey, markVerified } from '@/lib/keys';

function useSafetyCode(myKey: string, peerKey: string | null): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    if (!peerKey) return setCode(null);
    let current = true;
    void safetyCode(myKey, peerKey).then((value) => current && setCode(value));
    return () => {
      current = false;
    };
  }, [myKey, peerKey]);
  return code;
}

/** Both sides see it; the log stays. A pair known only from an import has nothing to leave. */
function LeavePair({ pair }: { pair: Pair }) {
  const { client } = useServices();
  const [error, setError] = useState<string | null>(null);
  if (pair.leftAt !== null || !pair.relayUrl) return null;
  const leave = () => {
    setError(null);
    client.leavePair(pair.pairId).catch((caught: unknown) => setError(sentenceForError(caught)));
  };
  return (
    <>
      <ConfirmButton
        label={t('pair_leave')}
        question={t('pair_leave_question', pair.peerName)}
        confirmLabel={t('pair_leave_confirm')}
        cancelLabel={t('cancel')}
        onConfirm={leave}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

function PairItem({ pair }: { pair: Pair }) {
  const { db } = useServices();
  const id = useId();
  const code = useSafetyCode(pair.myPublicKey, pair.peerPublicKey);
  const offeredCode = useSafetyCode(pair.myPublicKey, pair.offeredPeerKey);
  return (
    <li aria-labelledby={id}>
      <h3 id={id}>
        {pair.peerName} — {pair.myRole === 'learner' ? t('role_learner') : t('role_helper')}
      </h3>
      <PairStanding pair={pair} />
      <OrderWarning pair={pair} />
      {code && (
        <p>
          {t('safety_code_label')} <strong className="safety-code" aria-label={t('safety_code_of', pair.peerName)}>{code}</strong>
        </p>
      )}
      {pair.verified ? (
        <p className="ok">{t('safety_verified')}</p>
      ) : (
        code && (
          <>
            <p className="hint">{t('safety_compare_hint', pair.peerName)}</p>
            <button type="button" onClick={() => void markVerified(db, pair.pairId)}>
              {t('safety_mark_verified')}
            </button>
          </>
        )
      )}
      {pair.offeredPeerKey && (
        <div role="alert" className="key-warning">
          <p className="error">{t('key_changed_warning', pair.peerName)}</p>
          {offeredCode && (
            <p>
              {t('key_changed_new_code')} <strong className="safety-code">{offeredCode}</strong>
            </p>
          )}
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
