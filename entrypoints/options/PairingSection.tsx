import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useServices } from '@/components/services';
import { sentenceForError } from '@/components/errors';
import { t } from '@/lib/i18n';
import { formatInviteCode } from '@/lib/invite-code';
import type { PairRole } from '@/lib/protocol';

/** While an invite is on screen, ask for news this often so the new pair shows up at once. */
const INVITE_POLL_MS = 2000;

export function PairingSection() {
  const { db, client } = useServices();
  const id = useId();
  const [role, setRole] = useState<PairRole>('learner');
  const [invite, setInvite] = useState<{ code: string; expiresAt: number; pairsBefore: number } | null>(null);
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const pairCount = useLiveQuery(() => db.pairs.count(), []);

  const invitePending = invite !== null && pairCount !== undefined && pairCount <= invite.pairsBefore;
  useEffect(() => {
    if (!invitePending) return;
    const timer = setInterval(() => void client.syncNow(), INVITE_POLL_MS);
    return () => clearInterval(timer);
  }, [invitePending, client]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await action();
    } catch (error) {
      setStatus({ text: sentenceForError(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const createInvite = () =>
    run(async () => {
      const created = await client.createInvite(role);
      setInvite({ ...created, pairsBefore: pairCount ?? 0 });
    });

  const join = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const pair = await client.acceptInvite(code);
      setCode('');
      setStatus({ text: t('pairing_joined', pair.peerName), error: false });
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('pairing_title')}</h2>
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
      <button type="button" className="primary" disabled={busy} onClick={() => void createInvite()}>
        {t('pairing_create')}
      </button>
      {invite && (
        <div className="invite" role="status">
          <p>{t('pairing_code_intro')}</p>
          <p className="invite-code" aria-label={t('pairing_code_label')}>
            {formatInviteCode(invite.code)}
          </p>
          <p>{t('pairing_code_expiry', new Date(invite.expiresAt).toLocaleString())}</p>
          {!invitePending && <p>{t('pairing_code_used')}</p>}
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
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" disabled={busy || !code.trim()}>
          {t('pairing_join')}
        </button>
      </form>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'ok'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
