import { useLiveQuery } from 'dexie-react-hooks';
import type { Pair } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { mayBeMissing, orderWarningText } from '@/lib/conversation/order';
import { pairStandingText } from '@/lib/conversation/pair-state';
import { useServices } from './services';

/** "A message from Karim may be missing", with a way to hide it once checked with Karim. */
export function OrderWarning({ pair }: { pair: Pair }) {
  const { db, client } = useServices();
  const counters = useLiveQuery(() => db.counters.get(pair.pairId), [pair.pairId]);
  if (!mayBeMissing(counters)) return null;
  return (
    <div role="status" className="key-warning order-warning">
      <p className="error">{orderWarningText(pair)}</p>
      <button type="button" onClick={() => void client.hideOrderWarning(pair.pairId)}>
        {t('order_warning_hide')}
      </button>
    </div>
  );
}

/** Why nothing more can be sent in this pair, when that is so. */
export function PairStanding({ pair }: { pair: Pair }) {
  const text = pairStandingText(pair);
  if (!text) return null;
  return (
    <p role="status" className={pair.leftAt === null ? 'error pair-standing' : 'hint pair-standing'}>
      {text}
    </p>
  );
}

/**
 * What the popup says about pairs, above the inbox: messages that may be missing, and
 * buddies who must pair again. A pair that was left says so in the settings only.
 */
export function PairNotices({ pairs }: { pairs: Pair[] }) {
  return (
    <>
      {pairs.map((pair) => (
        <div key={pair.pairId} className="pair-notices">
          <OrderWarning pair={pair} />
          {pair.leftAt === null && <PairStanding pair={pair} />}
        </div>
      ))}
    </>
  );
}
