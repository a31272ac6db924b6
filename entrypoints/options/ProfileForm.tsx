import { useId, useState, type FormEvent } from 'react';
import { useServices } from '@/components/services';
import { StatusMessage } from '@/components/StatusMessage';
import { t } from '@/lib/i18n/i18n';
import { normalizeDisplayName } from '@/lib/protocol/display-name';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';
import { useProfile } from '@/components/useProfile';
import { saveProfile } from '@/lib/db/settings';
import { useStoredField } from './useStoredField';

/**
 * Shown at once, before the stored profile is read, so that nothing typed early can be lost:
 * the fields fill in from the profile when it arrives, except the ones the person typed in.
 */
export function ProfileForm() {
  const { db } = useServices();
  const profile = useProfile(db);
  const nameId = useId();
  const relayId = useId();
  const displayName = useStoredField(profile?.displayName);
  const relayUrl = useStoredField(profile?.relayUrl);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Until the profile is read, an untouched relay field is empty: saving would replace the stored address.
    if (!profile) return;
    const typed = { name: displayName.value, relay: relayUrl.value };
    const name = normalizeDisplayName(typed.name);
    const relay = normalizeRelayUrl(typed.relay);
    if (!name) return setMessage({ text: t('error_no_name'), error: true });
    if (!relay) return setMessage({ text: t('error_bad_relay_url'), error: true });
    await saveProfile(db, { displayName: name, relayUrl: relay });
    displayName.saved(typed.name, name);
    relayUrl.saved(typed.relay, relay);
    setMessage({ text: t('profile_saved'), error: false });
  };

  return (
    <section aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>{t('profile_title')}</h2>
      <form onSubmit={submit}>
        <label htmlFor={nameId}>{t('profile_name_label')}</label>
        <input
          id={nameId}
          value={displayName.value}
          autoComplete="name"
          onChange={(event) => displayName.edit(event.target.value)}
        />
        <label htmlFor={relayId}>{t('profile_relay_label')}</label>
        <input id={relayId} type="url" value={relayUrl.value} onChange={(event) => relayUrl.edit(event.target.value)} />
        <p className="hint">{t('profile_relay_hint')}</p>
        <button type="submit" className="primary" disabled={!profile}>
          {t('profile_save')}
        </button>
        <StatusMessage text={message?.text} error={message?.error} />
      </form>
    </section>
  );
}
