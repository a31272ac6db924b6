import { useEffect, useState } from 'react';
import { uiLanguage } from '@/lib/i18n/i18n';
import { exactTime, relativeTime } from '@/lib/i18n/time';

/** "2 minutes ago" is worded to the minute: redrawn as often. */
const REDRAW_MS = 60_000;

/** One timer for every time shown on the page, running only while one is. */
const redraws = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const redraw = () => setNow(Date.now());
    redraws.add(redraw);
    timer ??= setInterval(() => {
      for (const each of redraws) each();
    }, REDRAW_MS);
    return () => {
      redraws.delete(redraw);
      if (redraws.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

/**
 * When something was written: "2 hours ago" to read at a glance; the exact date and time on
 * hover and, since a title is not reliably read aloud, in the text a screen reader reads.
 */
export function When({ at }: { at: number }) {
  const now = useNow();
  const language = uiLanguage();
  const exact = exactTime(at, language);
  return (
    <time className="when" dateTime={new Date(at).toISOString()} title={exact}>
      {relativeTime(at, now, language)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}
