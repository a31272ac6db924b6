import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { SafetyNumbers } from '@/components/SafetyNumbers';
import { useServices } from '@/components/services';
import { StatusMessage } from '@/components/StatusMessage';
import { useProfileForm } from '@/components/useProfileForm';
import { useSubmit } from '@/components/useSubmit';
import type { Pairing } from '@/lib/db/db';
import { t, uiLanguage } from '@/lib/i18n/i18n';
import { exactTime } from '@/lib/i18n/time';
import { formatInviteCode } from '@/lib/protocol/invite-code';
import { normalizeJoiningCode } from '@/lib/protocol/joining-code';
import type { PairRole } from '@/lib/protocol/protocol';

/** While a pairing is under way, ask for news this often so its end shows up at once. */
const PAIRING_POLL_MS = 2000;

const UNDER_WAY: ReadonlySet<Pairing['status']> = new Set(['waiting', 'confirming']);

/** The code to read aloud, while it is waiting to be typed: once used or expired it is no use. */
function InviteCode({ code, expiresAt }: { code: string; expiresAt: number }) {
  return (
    <>
      <p>{t('pairing_code_intro')}</p>
      <p className="invite-code" role="note" aria-label={t('pairing_code_label')}>
        {formatInviteCode(code)}
      </p>
      <p>{t('pairing_code_expiry', exactTime(expiresAt, uiLanguage()))}</p>
    </>
  );
}

/** How a pairing began: the words for waiting and for failing differ for a programme's personal code. */
type PairingStart = 'invite' | 'accept' | 'join';

/** Where a pairing stands, in words, and once paired the safety numbers to compare at once. */
function PairingProgress({
  pairingId,
  invite,
  start,
}: {
  pairingId: string;
  invite?: { code: string; expiresAt: number };
  start: PairingStart;
}) {
  const { db, client } = useServices();
  const pairing = useLiveQuery(() => db.pairings.get(pairingId), [pairingId]);
  const pair = useLiveQuery(() => (pairing?.pairId ? db.pairs.get(pairing.pairId) : undefined), [pairing?.pairId]);
  const underWay = pairing !== undefined && UNDER_WAY.has(pairing.status);
  useEffect(() => {
    if (!underWay) return;
    const timer = setInterval(() => void client.syncNow(), PAIRING_POLL_MS);
    return () => clearInterval(timer);
  }, [underWay, client]);
  if (!pairing) return null;
  switch (pairing.status) {
    case 'waiting':
      if (start === 'join') {
        const waiting = pairing.peerName ? t('pairing_join_waiting', pairing.peerName) : t('pairing_join_waiting_unnamed');
        return <p role="status">{waiting}</p>;
      }
      return (
        <>
          {invite && <InviteCode {...invite} />}
          <p role="status">{t('pairing_waiting')}</p>
        </>
      );
    case 'confirming':
      return <p role="status">{t('pairing_confirming', pairing.peerName ?? '')}</p>;
    case 'expired':
      return <StatusMessage text={t('pairing_expired')} error />;
    case 'failed':
      return <StatusMessage text={t(start === 'join' ? 'pairing_join_failed' : 'pairing_failed')} error />;
    case 'paired':
      return (
        <div className="paired" role="status">
          <p className="ok">{t('pairing_done', pairing.peerName ?? '')}</p>
          {pair && <SafetyNumbers pair={pair} headingLevel={3} />}
        </div>
      );
  }
}

/**
 * `title`: the settings page names the section; the welcome page names it as one of its steps,
 * with an `intro` for a person who never paired before.
 */
export function PairingSection({ title = t('pairing_title'), intro }: { title?: string; intro?: string }) {
  const { client } = useServices();
  const profileForm = useProfileForm();
  const id = useId();
  const [role, setRole] = useState<PairRole>('learner');
  const [invite, setInvite] = useState<{ code: string; expiresAt: number; pairingId: string } | null>(null);
  const [joining, setJoining] = useState<{ pairingId: string; start: PairingStart } | null>(null);
  const [code, setCode] = useState('');
  const { busy, error, run, clearError } = useSubmit();
  // The profile as it was typed when the last attempt started: once the person types again, its error is stale.
  const [attemptedWith, setAttemptedWith] = useState(profileForm.edits);
  const shownError = attemptedWith === profileForm.edits ? error : null;

  /** Pairs with the name and address on screen, saved first: what is typed is what the buddy sees. */
  const pair = (action: () => Promise<void>) => {
    setAttemptedWith(profileForm.edits);
    return run(async () => {
      await profileForm.saveTyped();
      await action();
    });
  };

  const createInvite = () =>
    pair(async () => {
      setJoining(null);
      setInvite(await client.createInvite(role));
    });

  const join = (event: FormEvent) => {
    event.preventDefault();
    void pair(async () => {
      // One field for both codes: a personal code from a programme's e-mail is longer than an invite's.
      const personal = normalizeJoiningCode(code) !== null;
      const { pairingId } = personal ? await client.joinProgramme(code) : await client.acceptInvite(code);
      setCode('');
      setInvite(null);
      setJoining({ pairingId, start: personal ? 'join' : 'accept' });
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p>{intro}</p>}
      <fieldset>
        <legend>{t('pairing_role_legend')}</legend>
        <label>
          <input type="radio" name={`${id}-role`} checked={role === 'learner'} onChange={() => setRole('learner')} />
          {t('pairing_role_learner')}
        </label>
        <label>
          <input type="radio" name={`${id}-role`} checked={role === 'helper'} onChange={() => setRole('helper')} />
          {t('pairing_role_helper')}
        </label>
      </fieldset>
      <button type="button" className="primary" disabled={busy || !profileForm.ready} onClick={() => void createInvite()}>
        {t('pairing_create')}
      </button>
      {invite && (
        <div className="invite">
          <PairingProgress pairingId={invite.pairingId} invite={invite} start="invite" />
        </div>
      )}
      <form onSubmit={join}>
        <label htmlFor={`${id}-code`}>{t('pairing_join_label')}</label>
        <input
          id={`${id}-code`}
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(event) => {
            setCode(event.target.value);
            clearError();
          }}
        />
        <button type="submit" disabled={busy || !profileForm.ready || !code.trim()}>
          {t('pairing_join')}
        </button>
      </form>
      {joining && <PairingProgress {...joining} />}
      <StatusMessage text={shownError} error />
    </section>
  );
}
