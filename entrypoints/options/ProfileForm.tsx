import { useEffect, useId, useState, type FormEvent } from 'react';
import { useServices } from '@/components/services';
import { t } from '@/lib/i18n';
import { normalizeRelayUrl } from '@/lib/relay-url';
import { useProfile } from '@/components/useProfile';
import { saveProfile } from '@/lib/settings';

export function ProfileForm() {
  const { db } = useServices();
  const profile = useProfile(db);
  const nameId = useId();
  const relayId = useId();
  const [displayName, setDisplayName] = useState('');
  const [relayUrl, setRelayUrl] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (!profile) return;
    setDisplayName(profile.displayName);
    setRelayUrl(profile.relayUrl);
  }, [profile?.displayName, profile?.relayUrl]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = displayName.trim();
    const relay = normalizeRelayUrl(relayUrl);
    if (!name) return setMessage({ text: t('error_no_name'), error: true });
    if (!relay) return setMessage({ text: t('error_bad_relay_url'), error: true });
    await saveProfile(db, { displayName: name, relayUrl: relay });
    setMessage({ text: t('profile_saved'), error: false });
  };

  if (!profile) return null;
  return (
    <section aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>{t('profile_title')}</h2>
      <form onSubmit={submit}>
        <label htmlFor={nameId}>{t('profile_name_label')}</label>
        <input id={nameId} value={displayName} autoComplete="name" onChange={(event) => setDisplayName(event.target.value)} />
        <label htmlFor={relayId}>{t('profile_relay_label')}</label>
        <input id={relayId} type="url" value={relayUrl} onChange={(event) => setRelayUrl(event.target.value)} />
        <p className="hint">{t('profile_relay_hint')}</p>
        <button type="submit" className="primary">
          {t('profile_save')}
        </button>
        {message && (
          <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'ok'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
