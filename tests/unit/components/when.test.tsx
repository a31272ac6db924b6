/**
 * When something was written, rendered for real (Preact on linkedom): words to read at a
 * glance, the exact date and time on hover and in what a screen reader reads, and words that
 * stay true while the page stays open.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { When } from '@/components/When';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

let container: HTMLElement;
const written = new Date(2026, 2, 12, 14, 5).getTime();

beforeEach(() => {
  container = pageToRenderIn();
  // Only the clock and the page's timer: Preact's own scheduling keeps running as usual.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(written + 2 * 3_600_000);
});

afterEach(async () => {
  await unmountShown();
  vi.useRealTimers();
});

const shown = () => container.querySelector('time') as HTMLTimeElement;

it('says how long ago, with the exact date and time on hover and for screen readers', async () => {
  speak('en');
  await show(<When at={written} />);
  expect(shown().getAttribute('datetime')).toBe(new Date(written).toISOString());
  expect(shown().getAttribute('title')).toMatch(/^March 12, 2026 at 2:05\sPM$/);
  expect(shown().textContent).toMatch(/^2 hours ago \(March 12, 2026 at 2:05\sPM\)$/);
  expect(shown().querySelector('.visually-hidden')?.textContent).toContain('March 12, 2026');
});

it('speaks the interface’s language', async () => {
  speak('fr');
  await show(<When at={written} />);
  expect(shown().textContent).toBe('il y a 2 heures (12 mars 2026 à 14:05)');
  expect(shown().getAttribute('title')).toBe('12 mars 2026 à 14:05');
});

it('stays true while the page stays open', async () => {
  speak('en');
  vi.setSystemTime(written + 59 * 60_000 + 30_000);
  await show(<When at={written} />);
  expect(shown().textContent).toMatch(/^59 minutes ago/);
  await act(() => {
    vi.advanceTimersByTime(60_000);
  });
  expect(shown().textContent).toMatch(/^1 hour ago/);
});
