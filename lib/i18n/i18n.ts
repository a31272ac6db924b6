/**
 * Every user-facing string goes through here, from public/_locales/{en,fr}. The browser
 * picks the language from its own settings; English is the default locale.
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | string[]): string {
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

/** The language the browser shows its own interface in, which picks Binôme's. */
export function uiLanguage(): 'en' | 'fr' {
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
  pair_ended: 'error_pair_ended',
  peer_revoked: 'error_peer_revoked',
  quota_exceeded: 'error_quota_exceeded',
  programme_ended: 'error_programme_ended',
};

/** A sentence that says what happened and what to do, for an error code of the background. */
export function errorSentence(code: string): string {
  return t(ERROR_KEYS[code] ?? 'error_unexpected');
}
