/**
 * Every message key the in-page player speaks. The background hands the player these keys'
 * messages in the language chosen in Binôme's settings (a script in a web page cannot load
 * them itself); the compiler checks each key exists in messages.json.
 */
import type { MessageKey } from '../i18n/i18n';

export const PLAYER_KEYS = [
  'player_label',
  'player_step_of',
  'player_looking',
  'player_hint_click',
  'player_hint_type',
  'player_hint_choose',
  'player_is_this_it',
  'player_yes',
  'player_no',
  'player_missing',
  'player_missing_hint',
  'player_tell',
  'player_told',
  'player_tell_failed',
  'player_back',
  'player_next',
  'player_finish',
  'player_go_there',
  'player_close',
  'player_done_title',
  'player_done_text',
  'player_done_close',
  'player_step_click',
  'player_step_type',
  'player_step_choose',
  'player_unnamed',
] as const satisfies readonly MessageKey[];

export type PlayerKey = (typeof PLAYER_KEYS)[number];
