import { createContext, useContext, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { saveProfile } from '@/lib/db/settings';
import { checkRelayCompatibility } from '@/lib/sync/relay-compatibility';
import { errorSentence, t } from '@/lib/i18n/i18n';
import { normalizeDisplayName } from '@/lib/protocol/display-name';
import { relayLocked, relayRefusal } from '@/lib/managed/relay';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';
import { ProfileProblem } from './profile-problem';
import { useServices } from './services';
import { useManagedPolicy } from './useManagedPolicy';
import { useProfile } from './useProfile';
import { useStoredField, type StoredField } from './useStoredField';

export interface ProfileForm {
  ready: boolean;
  nameId: string;
  relayId: string;
  displayName: StoredField;
  relayUrl: StoredField;
  /** The company set the address and the person may not change it: the field is read-only and says so. */
  relayLocked: boolean;
  /** The company gave the address (locked or not): the welcome page skips the step that asks for it. */
  relayPreset: boolean;
  message: { text: string; error: boolean } | null;
  /** How many times the person typed in the form: an error shown for an earlier version of it no longer applies. */
  edits: number;
  submit(event: FormEvent): Promise<void>;
  /**
   * Saves what is typed, if it differs from what is stored: pairing uses the name and address on
   * screen, not older ones. Throws a ProfileProblem (and saves nothing) for a missing name or a bad address.
   */
  saveTyped(): Promise<void>;
}

/**
 * The name and relay address form, without its layout: the settings page shows it as one
 * section, the welcome page as two numbered steps, and the pairing section beside it saves what
 * is typed before it pairs. Nothing typed early is lost: the fields fill in from the profile when
 * it arrives, except the ones the person typed in.
 */
function useProfileFormState(): ProfileForm {
  const { db } = useServices();
  const profile = useProfile(db);
  const policy = useManagedPolicy();
  const nameId = useId();
  const relayId = useId();
  const name = useStoredField(profile?.displayName);
  const relay = useStoredField(profile?.relayUrl);
  const [message, setMessage] = useState<ProfileForm['message']>(null);
  const [edits, setEdits] = useState(0);
  // The latest profile for a save started by another component, whose closure may be a render old.
  const latest = useRef({ profile, name, relay, policy });
  latest.current = { profile, name, relay, policy };

  // Whatever the message said was about what was there before: an error is fixed, or a "Saved." no longer true.
  const editing = (field: StoredField): StoredField => ({
    ...field,
    edit(value) {
      field.edit(value);
      setMessage(null);
      setEdits((count) => count + 1);
    },
  });

  /** Saves what is typed; false when nothing needed saving. */
  const save = async (): Promise<boolean> => {
    const { profile: stored, name: nameField, relay: relayField, policy: managed } = latest.current;
    // Until the profile is read, an untouched relay field is empty: saving would replace the stored address.
    if (!stored) throw new Error('The profile is not read yet.');
    const typed = { name: nameField.value, relay: relayField.value };
    const displayName = normalizeDisplayName(typed.name);
    const relayUrl = normalizeRelayUrl(typed.relay);
    if (!displayName) throw new ProfileProblem('no_name');
    if (!relayUrl) throw new ProfileProblem('bad_relay_url');
    const refusal = relayRefusal(relayUrl, managed ?? {});
    if (refusal) throw new ProfileProblem(refusal);
    if (displayName === stored.displayName && relayUrl === stored.relayUrl && typed.relay === relayUrl) return false;
    await saveProfile(db, { displayName, relayUrl });
    // Not awaited: the notice appears when the relay answers, and saving never waits on it.
    void checkRelayCompatibility(db, relayUrl);
    nameField.saved(typed.name, displayName);
    relayField.saved(typed.relay, relayUrl);
    return true;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!profile) return;
    try {
      await save();
      setMessage({ text: t('profile_saved'), error: false });
    } catch (error) {
      if (!(error instanceof ProfileProblem)) throw error;
      setMessage({ text: errorSentence(error.code), error: true });
    }
  };

  const saveTyped = async () => {
    // An error under the form is for the person's own Save; the pairing section says what stops pairing.
    setMessage(null);
    if (await save()) setMessage({ text: t('profile_saved'), error: false });
  };

  return {
    ready: profile !== undefined,
    nameId,
    relayId,
    displayName: editing(name),
    relayUrl: editing(relay),
    relayLocked: relayLocked(policy ?? {}),
    relayPreset: !!policy?.relayUrl,
    message,
    edits,
    submit,
    saveTyped,
  };
}

const ProfileFormContext = createContext<ProfileForm | null>(null);

/** One form state for the page: the profile fields and the pairing section that saves them share it. */
export function ProfileFormProvider({ children }: { children: ReactNode }) {
  return <ProfileFormContext.Provider value={useProfileFormState()}>{children}</ProfileFormContext.Provider>;
}

export function useProfileForm(): ProfileForm {
  const form = useContext(ProfileFormContext);
  if (!form) throw new Error('useProfileForm outside ProfileFormProvider');
  return form;
}
