import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import type { Pair } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { markVerified } from '@/lib/trust/keys';
import { safetyNumber } from '@/lib/trust/safety-number';
import { useServices } from './services';

function useSafetyNumber(publicKey: string | null | undefined, deviceId: string | undefined): string | null {
  const [number, setNumber] = useState<string | null>(null);
  useEffect(() => {
    setNumber(null);
    if (!publicKey || !deviceId) return;
    let current = true;
    void safetyNumber(publicKey, deviceId).then((value) => current && setNumber(value));
    return () => {
      current = false;
    };
  }, [publicKey, deviceId]);
  return number;
}

/** Groups of five digits, read out one group at a time by screen readers too. */
function SafetyNumber({ value, label }: { value: string; label: string }) {
  return (
    <span className="safety-number" role="img" aria-label={`${label}: ${value.split(' ').join(', ')}`}>
      {value.split(' ').map((group, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the six groups of a number never move.
        <span key={index}>{group}</span>
      ))}
    </span>
  );
}

/**
 * Each person's 30-digit number, to compare aloud with the buddy: the second check, after the
 * invite code, that no one in between swapped a key. `peerKey` overrides the pair's key to
 * show the number of a key the relay now offers.
 */
/**
 * `headingLevel`: one below the section it sits in, so the outline has no gap (the pairing step
 * is an h2; a buddy in the list of buddies is an h3).
 */
export function SafetyNumbers({ pair, peerKey, headingLevel = 4 }: { pair: Pair; peerKey?: string; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const { db } = useServices();
  const id = useId();
  const identity = useLiveQuery(() => db.identities.get(pair.relayUrl), [pair.relayUrl]);
  const mine = useSafetyNumber(pair.myPublicKey, identity?.deviceId);
  const theirs = useSafetyNumber(peerKey ?? pair.peerPublicKey, pair.peerDeviceId);
  if (!mine || !theirs) return null;
  const offered = peerKey !== undefined;
  return (
    <section className="safety-numbers" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('safety_title')}</Heading>
      <p className="hint">{t('safety_compare_hint', pair.peerName)}</p>
      <dl>
        <dt>{t('safety_my_number')}</dt>
        <dd>
          <SafetyNumber value={mine} label={t('safety_my_number')} />
        </dd>
        <dt>{offered ? t('key_changed_new_code', pair.peerName) : t('safety_peer_number', pair.peerName)}</dt>
        <dd>
          <SafetyNumber value={theirs} label={t('safety_peer_number', pair.peerName)} />
        </dd>
      </dl>
      {!offered &&
        (pair.verified ? (
          <p className="ok">{t('safety_verified', pair.peerName)}</p>
        ) : (
          <button type="button" onClick={() => void markVerified(db, pair.pairId)}>
            {t('safety_mark_verified')}
          </button>
        ))}
    </section>
  );
}
