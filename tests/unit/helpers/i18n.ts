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

/** The extension's own files, as fetch would read them (for applyLanguage); counts what was asked for. */
export function extensionFiles(files: Record<string, unknown> = { en, fr }) {
  const asked: string[] = [];
  const fetchFile = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    const language = /_locales\/(\w+)\/messages\.json$/.exec(url)?.[1] ?? '';
    const file = files[language];
    return file ? Response.json(file) : new Response('Not found', { status: 404 });
  }) as typeof fetch;
  return { fetchFile, asked };
}
