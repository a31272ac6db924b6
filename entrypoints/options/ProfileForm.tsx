import { RelayAddressInput } from '@/components/RelayAddressInput';
import { StatusMessage } from '@/components/StatusMessage';
import { useProfileForm } from '@/components/useProfileForm';
import { t } from '@/lib/i18n/i18n';

/** Shown at once, before the stored profile is read, so that nothing typed early can be lost. */
export function ProfileForm() {
  const { ready, nameId, relayId, displayName, relayUrl, relayLocked, message, submit } = useProfileForm();

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
        <RelayAddressInput id={relayId} field={relayUrl} locked={relayLocked} />
        {!relayLocked && <p className="hint">{t('profile_relay_hint')}</p>}
        <button type="submit" disabled={!ready}>
          {t('profile_save')}
        </button>
        <StatusMessage text={message?.text} error={message?.error} />
      </form>
    </section>
  );
}
