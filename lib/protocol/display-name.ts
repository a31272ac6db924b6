/**
 * A display name is shown to the buddy, and to the operator in logs and terminals, as the
 * person who wrote. Whatever a device sends, the name shown must be the characters it seems to
 * be: no right-to-left override turning "Ana‮gnp.exe" around, no invisible characters making
 * two names look alike, no terminal escapes recolouring an operator's screen.
 */

/** Counted in code points (what a person sees as characters, nearly), not UTF-16 units. */
export const MAX_DISPLAY_NAME = 80;

/**
 * Terminal escape sequences, removed whole (removing only ESC would leave "[31m" visible):
 * CSI (ESC [ or U+009B, parameters, one final byte), OSC / DCS / SOS / PM / APC strings up to
 * BEL or ST (or the end of the name, when the string is never closed), and two-character
 * escapes such as ESC c.
 */
const TERMINAL_ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

/**
 * Controls (C0, C1: \p{Cc}) and format characters (\p{Cf}: bidi embeddings, overrides and
 * isolates, LRM/RLM/ALM, zero-width space and joiners, word joiner, BOM, soft hyphen, tags…),
 * and lone surrogates (\p{Cs}). Whitespace controls (tab, newline) are turned into spaces
 * first, so "Ana\nMaria" stays two words.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
const LINE_AND_TAB_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * The name as it may be stored and shown: without escapes and invisible characters, NFC, with
 * each run of whitespace made one space, trimmed, and at most `maxCodePoints` code points
 * (never half a surrogate pair). An empty result means there was no name in it.
 */
export function normalizeDisplayName(raw: string, maxCodePoints = MAX_DISPLAY_NAME): string {
  const cleaned = raw
    .replace(TERMINAL_ESCAPES, '')
    .replace(LINE_AND_TAB_CONTROLS, ' ')
    .replace(INVISIBLE, '')
    // After the removals: "e", a zero-width space, then U+0301 must compose into "é" too.
    .normalize('NFC')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  const codePoints = Array.from(cleaned);
  return codePoints.length <= maxCodePoints ? cleaned : codePoints.slice(0, maxCodePoints).join('').trimEnd();
}

/** Code points of a name, the unit MAX_DISPLAY_NAME counts in. */
export const displayNameLength = (name: string): number => Array.from(name).length;
