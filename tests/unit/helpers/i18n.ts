import { browser } from 'wxt/browser';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';

/** Makes `t()` answer with the real messages of a language, as the browser would. */
export function speak(language: 'en' | 'fr'): void {
  const messages = (language === 'en' ? en : fr) as Record<string, { message: string }>;
  Object.assign(browser.i18n, {
    getUILanguage: () => language,
    getMessage: (key: string, substitutions?: string | string[]) => {
      const list = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
      return messages[key]?.message.replace(/\$(\d)/g, (_, index: string) => list[Number(index) - 1] ?? '') ?? '';
    },
  });
}
