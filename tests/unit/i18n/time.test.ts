/**
 * When a question, an answer or a log entry was written, as a person says it, in English and
 * in French. Times are built in local time, as the person's clock shows them, so that these
 * tests read the same in any time zone.
 */
import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime } from '@/lib/i18n/time';

const now = new Date(2026, 2, 12, 14, 5).getTime();
const ago = (ms: number) => now - ms;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('relativeTime', () => {
  it('says "now" within the first minute, also for a buddy whose clock runs a little ahead', () => {
    expect(relativeTime(ago(40 * SECOND), now, 'en')).toBe('now');
    expect(relativeTime(ago(40 * SECOND), now, 'fr')).toBe('maintenant');
    expect(relativeTime(now + 5 * SECOND, now, 'en')).toBe('now');
  });

  it('counts minutes, then hours, in the plural the language wants', () => {
    expect(relativeTime(ago(MINUTE + 30 * SECOND), now, 'en')).toBe('1 minute ago');
    expect(relativeTime(ago(59 * MINUTE), now, 'fr')).toBe('il y a 59 minutes');
    expect(relativeTime(ago(2 * HOUR + 10 * MINUTE), now, 'en')).toBe('2 hours ago');
    expect(relativeTime(ago(2 * HOUR), now, 'fr')).toBe('il y a 2 heures');
    expect(relativeTime(ago(HOUR), now, 'fr')).toBe('il y a 1 heure');
  });

  it('says "yesterday" for the day before, by the calendar', () => {
    const yesterdayMorning = new Date(2026, 2, 11, 9, 0).getTime();
    expect(relativeTime(yesterdayMorning, now, 'en')).toBe('yesterday');
    expect(relativeTime(yesterdayMorning, now, 'fr')).toBe('hier');
  });

  it('counts days up to a week', () => {
    const threeDaysAgo = new Date(2026, 2, 9, 18, 0).getTime();
    expect(relativeTime(threeDaysAgo, now, 'en')).toBe('3 days ago');
    expect(relativeTime(threeDaysAgo, now, 'fr')).toBe('il y a 3 jours');
    expect(relativeTime(new Date(2026, 2, 6, 8, 0).getTime(), now, 'en')).toBe('6 days ago');
  });

  it('gives the date of anything older than a week', () => {
    const longAgo = new Date(2026, 1, 20, 10, 30).getTime();
    expect(relativeTime(longAgo, now, 'en')).toBe('February 20, 2026');
    expect(relativeTime(longAgo, now, 'fr')).toBe('20 février 2026');
    expect(relativeTime(new Date(2026, 2, 5, 8, 0).getTime(), now, 'fr')).toBe('5 mars 2026');
  });
});

describe('exactTime', () => {
  it('gives the date and the time to the minute, without seconds', () => {
    const at = new Date(2026, 2, 12, 14, 5, 42).getTime();
    const english = exactTime(at, 'en');
    expect(english).toContain('March 12, 2026');
    expect(english).toMatch(/2:05\sPM/);
    expect(english).not.toContain('42');
    expect(exactTime(at, 'fr')).toBe('12 mars 2026 à 14:05');
  });
});
