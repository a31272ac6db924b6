import { useId, useState, type FormEvent } from 'react';
import { saveProfile } from '@/lib/db/settings';
import { t } from '@/lib/i18n/i18n';
import { normalizeDisplayName } from '@/lib/protocol/display-name';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';
import { useServices } from './services';
import { useProfile } from './useProfile';
import { useStoredField } from './useStoredField';

/**
 * The name and relay address form, without its layout: the settings page shows it as one
 * section, the welcome page as two numbered steps. Nothing typed early is lost: the fields
 * fill in from the profile when it arrives, except the ones the person typed in.
 */
export function useProfileForm() {
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

  return { ready: profile !== undefined, nameId, relayId, displayName, relayUrl, message, submit };
}
