/**
 * When something was written, in words ("2 hours ago", « hier ») and exactly (the date and
 * time), in the interface's language. Pure: the caller says what "now" is.
 */
import type { Language } from './i18n';

export type { Language };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Beyond this many calendar days, "9 days ago" says less than the date itself. */
const DAYS_IN_WORDS = 7;

/** Midnight of the day `at` falls on, here: "yesterday" is a calendar day, not 24 hours. */
function dayOf(at: number): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function calendarDaysBetween(earlier: number, later: number): number {
  // Rounded: a day that changes to or from summer time lasts 23 or 25 hours.
  return Math.round((dayOf(later) - dayOf(earlier)) / (24 * HOUR));
}

/**
 * "now" within the first minute (shown on a page that redraws every minute, "12 seconds
 * ago" would stay wrong for most of it), then minutes, hours, "yesterday", days, and past a
 * week the date.
 */
export function relativeTime(at: number, now: number, language: Language): string {
  // The buddy's clock may run a little ahead of this one: what they just wrote is "now", not "in 5 seconds".
  const elapsed = Math.max(0, now - at);
  const words = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (elapsed < MINUTE) return words.format(0, 'second');
  if (elapsed < HOUR) return words.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < 24 * HOUR) return words.format(-Math.floor(elapsed / HOUR), 'hour');
  // At least a day has passed, even across the day the clocks go back.
  const days = Math.max(1, calendarDaysBetween(at, now));
  if (days < DAYS_IN_WORDS) return words.format(-days, 'day');
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(at);
}

/** The date and time to the minute: "March 12, 2026 at 2:05 PM", « 12 mars 2026 à 14:05 ». */
export function exactTime(at: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(at);
}
