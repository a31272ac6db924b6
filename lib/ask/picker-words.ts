/**
 * The element picker's words in the language chosen in Binôme's settings: a script in a web page
 * cannot load them itself, so whoever starts the picker (lib/ask/picker-start.ts) leaves them in
 * the picker's isolated world, under PICKER_WORDS, just before it injects entrypoints/picker.ts.
 * The compiler checks each key exists in messages.json.
 */
import type { MessageKey } from '../i18n/i18n';

export const PICKER_KEYS = [
  'cancel',
  'picker_instruction',
  'picker_keyboard_hint',
  'picker_label',
  'picker_highlighted',
] as const satisfies readonly MessageKey[];

/** The isolated world's global the words wait in; the page's own scripts cannot see it. */
export const PICKER_WORDS = '__binomePickerWords';
