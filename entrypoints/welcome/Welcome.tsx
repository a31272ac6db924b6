/**
 * Opened once, right after install (and again from the settings): everything a person who
 * never saw Binôme needs to get to "paired", as numbered steps on one page.
 */
import { useId } from 'react';
import { PairingSection } from '@/components/PairingSection';
import { StatusMessage } from '@/components/StatusMessage';
import { RelayAddressInput } from '@/components/RelayAddressInput';
import { ProfileFormProvider, useProfileForm } from '@/components/useProfileForm';
import { ASK_SHORTCUT } from '@/lib/ask/commands';
import { t } from '@/lib/i18n/i18n';

/**
 * Steps 1 and 2 are one form, as in the settings, but each field is a step of its own: the name
 * field joins the form through its `form` attribute, so one Save (or Enter in either field) keeps both.
 * When the company's policy gives the address, its step is left out and Save follows the name.
 */
function NameAndAddressSteps() {
  const { ready, nameId, relayId, displayName, relayUrl, relayPreset, message, submit } = useProfileForm();
  const formId = `${nameId}-form`;
  const saveForm = (
    <form id={formId} onSubmit={submit}>
      <button type="submit" disabled={!ready}>
        {t('welcome_save')}
      </button>
      <StatusMessage text={message?.text} error={message?.error} />
    </form>
  );
  return (
    <>
      <li aria-labelledby={`${nameId}-title`}>
        <h2 id={`${nameId}-title`}>{t('welcome_name_title')}</h2>
        <label htmlFor={nameId}>{t('profile_name_label')}</label>
        <input
          id={nameId}
          form={formId}
          value={displayName.value}
          autoComplete="name"
          onChange={(event) => displayName.edit(event.target.value)}
        />
        {relayPreset && saveForm}
      </li>
      {!relayPreset && (
        <li aria-labelledby={`${relayId}-title`}>
          <h2 id={`${relayId}-title`}>{t('welcome_address_title')}</h2>
          <label htmlFor={relayId}>{t('welcome_address_label')}</label>
          <RelayAddressInput id={relayId} form={formId} field={relayUrl} />
          <p className="hint">{t('profile_relay_hint')}</p>
          {saveForm}
        </li>
      )}
    </>
  );
}

function CompareStep() {
  const id = useId();
  return (
    <li aria-labelledby={id}>
      <h2 id={id}>{t('welcome_compare_title')}</h2>
      <p>{t('welcome_compare_text')}</p>
    </li>
  );
}

function TryItStep() {
  const id = useId();
  return (
    <li aria-labelledby={id}>
      <h2 id={id}>{t('welcome_try_title')}</h2>
      <p>
        {t('welcome_try_button')}{' '}
        <img className="toolbar-icon" src="/icon/32.png" width={32} height={32} alt={t('welcome_try_button_picture')} />
      </p>
      <p className="hint">{t('welcome_try_pin_hint')}</p>
      <p>
        {t('welcome_try_shortcut')}{' '}
        <kbd className="shortcut">
          {ASK_SHORTCUT.split('+').map((key, index) => (
            <span key={key}>
              {index > 0 && ' + '}
              <kbd>{key}</kbd>
            </span>
          ))}
        </kbd>
      </p>
      <p>{t('welcome_try_then')}</p>
    </li>
  );
}

export function Welcome() {
  return (
    <ProfileFormProvider>
      <main className="options welcome">
        <h1>{t('welcome_title')}</h1>
        <p>{t('welcome_intro')}</p>
        <ol className="steps">
          <NameAndAddressSteps />
          <li>
            <PairingSection title={t('welcome_pair_title')} intro={t('welcome_pair_intro')} />
          </li>
          <CompareStep />
          <TryItStep />
        </ol>
      </main>
    </ProfileFormProvider>
  );
}
