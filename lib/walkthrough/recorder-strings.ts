/**
 * Every message key the in-page recorder bar speaks. The background hands the recorder these
 * keys' messages in the language chosen in Binôme's settings with its greeting (a script in a
 * web page cannot load them itself); the compiler checks each key exists in messages.json.
 */
import type { MessageKey } from '../i18n/i18n';

export const RECORDER_KEYS = [
  'recorder_bar_title',
  'recorder_finish',
  'recorder_bar_count_one',
  'recorder_bar_count_other',
  'recorder_bar_full',
] as const satisfies readonly MessageKey[];
