import { useId } from 'react';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import type { LanguageChoice } from '@/lib/i18n/language';
import { useServices } from './services';
import { useLanguageChoice } from './useLanguageChoice';
import { useSubmit } from './useSubmit';
import { StatusMessage } from './StatusMessage';

/** Each language is named in itself, so that a person lost in the other one still finds their own. */
const CHOICES: { choice: LanguageChoice; label: MessageKey; lang?: string }[] = [
  { choice: 'browser', label: 'language_browser' },
  { choice: 'en', label: 'language_english', lang: 'en' },
  { choice: 'fr', label: 'language_french', lang: 'fr' },
];

/** Applied at once, everywhere Binôme speaks: this page redraws itself in the new language, nothing typed is lost. */
export function LanguageSetting() {
  const { db, client } = useServices();
  const id = useId();
  // As every page reads it: the person's choice, else the company's default language.
  const chosen = useLanguageChoice(db);
  const { busy, error, run } = useSubmit();
  if (chosen === undefined) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('language_title')}</h2>
      <fieldset>
        <legend>{t('language_legend')}</legend>
        {CHOICES.map(({ choice, label, lang }) => (
          <label key={choice} lang={lang}>
            <input
              type="radio"
              name={`${id}-language`}
              checked={chosen === choice}
              disabled={busy}
              onChange={() => void run(() => client.chooseLanguage(choice))}
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <StatusMessage text={error} error />
    </section>
  );
}
