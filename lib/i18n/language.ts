/**
 * Speaking the language chosen in the settings (lib/db/settings.ts, languageSetting) in every
 * context: each page, the in-page panel's frame and the background apply it once at start, and
 * again when it changes. The browser's language costs nothing: no file is read for it.
 */
import { browser } from 'wxt/browser';
import {
  browserLanguage,
  chosenMessagesFor,
  speakChosen,
  uiLanguage,
  type HandedMessages,
  type Language,
  type MessageFile,
  type MessageKey,
} from './i18n';

export const LANGUAGE_CHOICES = ['browser', 'en', 'fr'] as const;
/** "browser": whatever the browser's language is, as on install. */
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** How a context reads the extension's own files; the tests give their own. */
const fetchOwnFile: typeof fetch = (...args) => fetch(...args);

/** Each file is read once per context (and reader): switching back and forth does not read it again. */
const loadedBy = new WeakMap<typeof fetch, Map<Language, Promise<MessageFile>>>();

function messagesOf(language: Language, fetchFile: typeof fetch): Promise<MessageFile> {
  let loaded = loadedBy.get(fetchFile);
  if (!loaded) {
    loaded = new Map();
    loadedBy.set(fetchFile, loaded);
  }
  let messages = loaded.get(language);
  if (!messages) {
    // The extension's own file: the browser's i18n cannot give another language's messages.
    messages = fetchFile(browser.runtime.getURL(`/_locales/${language}/messages.json`)).then((response) => {
      if (!response.ok) throw new Error(`messages.json for ${language}: HTTP ${response.status}`);
      return response.json() as Promise<MessageFile>;
    });
    const cache = loaded;
    cache.set(language, messages);
    // A failed read is tried again at the next choice.
    messages.catch(() => cache.delete(language));
  }
  return messages;
}

let applying: Promise<Language> = Promise.resolve(browserLanguage());
/** Of two choices made in quick succession, the later one wins even if the earlier's file arrives last. */
let latestChoice = 0;

/**
 * From now on `t()`, `tCount()` and `uiLanguage()` speak the choice (which may still be on its
 * way from the database). A choice or file that cannot be read leaves the browser's language:
 * better a page in the other language than no page.
 */
export function applyLanguage(
  choosing: LanguageChoice | Promise<LanguageChoice>,
  fetchFile: typeof fetch = fetchOwnFile,
): Promise<Language> {
  const thisChoice = ++latestChoice;
  // Set before the choice is even read: whoever awaits languageApplied() from now on waits for this one.
  applying = (async () => {
    const choice = await Promise.resolve(choosing).catch((): LanguageChoice => 'browser');
    const language = choice === 'browser' ? browserLanguage() : choice;
    if (language === browserLanguage()) {
      if (thisChoice === latestChoice) speakChosen(null, null);
      return uiLanguage();
    }
    let messages: MessageFile | null = null;
    try {
      messages = await messagesOf(language, fetchFile);
    } catch (error) {
      console.warn('Binôme could not load its messages in the chosen language', error);
    }
    if (thisChoice === latestChoice) speakChosen(messages ? language : null, messages);
    return uiLanguage();
  })();
  return applying;
}

/** Resolves once the last language asked for is the one `t()` speaks (the background awaits it before it speaks). */
export function languageApplied(): Promise<Language> {
  return applying;
}

/**
 * What to hand a script Binôme puts into a web page, which cannot read the extension's files:
 * the chosen language's messages for its `keys`, once the choice is applied here (a background
 * just woken may still be reading it).
 */
export async function messagesToHand(keys: readonly MessageKey[]): Promise<HandedMessages> {
  await languageApplied();
  return chosenMessagesFor(keys);
}
