/**
 * Every user-facing string goes through here, from public/_locales/{en,fr}. The browser picks
 * the language from its own settings (English is the default locale) unless the person chose
 * another in Binôme's settings: `browser.i18n` cannot switch, so the chosen language's messages
 * are then loaded by lib/i18n/language.ts before the page first renders, and read here.
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
export type Language = 'en' | 'fr';

/** A messages.json as the browser reads it: `$1`…`$9`, named placeholders, `$$` for a dollar. */
export type MessageFile = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** The language chosen over the browser's, with its messages; null while the browser's is the one. */
let chosen: { language: Language; messages: MessageFile } | null = null;

/** For lib/i18n/language.ts only: from now on `t()` speaks `language` (null: the browser's again). */
export function speakChosen(language: Language | null, messages: MessageFile | null): void {
  chosen = language && messages ? { language, messages } : null;
}

function format(entry: MessageFile[string], substitutions?: string | string[]): string {
  const values = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  const positional = (text: string) =>
    text.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
  const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content : whole;
  });
  return positional(named);
}

/** A chosen language's messages as handed to a script in a web page; null stands for the browser's language. */
export type HandedMessages = { language: Language; messages: MessageFile } | null;

/**
 * The chosen language's messages for `keys`, for a script in a web page (the walkthrough player
 * and recorder, the element picker) that cannot load them itself; null while the browser's
 * language is the one, which it has.
 */
export function chosenMessagesFor(keys: readonly MessageKey[]): HandedMessages {
  if (!chosen) return null;
  const messages: MessageFile = {};
  for (const key of keys) {
    const entry = chosen.messages[key];
    if (entry) messages[key] = entry;
  }
  return { language: chosen.language, messages };
}

/** In a script in a web page: from now on `t()` speaks the language Binôme handed it (chosenMessagesFor). */
export function speakHanded(handed: HandedMessages): void {
  speakChosen(handed?.language ?? null, handed?.messages ?? null);
}

/** A key missing from the chosen language falls back to the browser's messages, English by default. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const entry = chosen?.messages[key];
  if (entry) return format(entry, substitutions);
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The base of every key that exists in a `_one` and an `_other` form. */
export type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/**
 * A sentence with a count, in the plural form the language wants for it (French says
 * "0 question", English "0 questions"). The count, written the language's way, is the
 * placeholder after `before`.
 */
export function tCount(key: CountedKey, count: number, before: string[] = []): string {
  const language = uiLanguage();
  const form = new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, [...before, new Intl.NumberFormat(language).format(count)]);
}

/** The language Binôme speaks: the one chosen in its settings, else the browser's. */
export function uiLanguage(): Language {
  return chosen?.language ?? browserLanguage();
}

/** The language the browser shows its own interface in, which picks Binôme's unless the person chose. */
export function browserLanguage(): Language {
  let language = 'en';
  try {
    language = browser.i18n.getUILanguage();
  } catch {
    if (typeof navigator !== 'undefined') language = navigator.language;
  }
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const ERROR_KEYS: Record<string, MessageKey> = {
  network: 'error_network',
  protocol: 'error_wrong_address',
  refused: 'error_refused',
  internal: 'error_server_failing',
  invite_invalid: 'error_invite_invalid',
  invite_expired: 'error_invite_expired',
  invite_used: 'error_invite_used',
  invite_own: 'error_invite_own',
  pairing_failed: 'error_pairing_failed',
  text_too_long: 'error_text_too_long_unsent',
  message_refused: 'error_message_refused',
  rate_limited: 'error_rate_limited',
  unauthorized: 'error_unauthorized',
  no_name: 'error_no_name',
  bad_relay_url: 'error_bad_relay_url',
  relay_locked: 'error_relay_locked',
  relay_needs_https: 'error_relay_needs_https',
  pair_ended: 'error_pair_ended',
  peer_revoked: 'error_peer_revoked',
  quota_exceeded: 'error_quota_exceeded',
  programme_ended: 'error_programme_ended',
  join_invalid: 'error_join_invalid',
  join_used: 'error_join_used',
  join_ended: 'error_join_ended',
};

/** A sentence that says what happened and what to do, for an error code of the background. */
export function errorSentence(code: string): string {
  return t(ERROR_KEYS[code] ?? 'error_unexpected');
}
