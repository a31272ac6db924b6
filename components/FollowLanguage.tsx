import { useEffect, useState, type ReactNode } from 'react';
import type { BinomeDb } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n/i18n';
import { applyLanguage, type LanguageChoice } from '@/lib/i18n/language';
import { labelDocument } from './mount-frame';
import { useLanguageChoice } from './useLanguageChoice';

/**
 * An open page follows a language chosen elsewhere (or here, in the settings) without a reload,
 * so nothing typed on it is lost: once the new messages are loaded, the whole page is drawn
 * again in place (state kept). `children` makes the page afresh each time: a page element kept
 * from before would be skipped as unchanged, and go on speaking the old language.
 */
export function FollowLanguage({
  db,
  startedIn,
  title,
  children,
}: {
  db: BinomeDb;
  startedIn: LanguageChoice;
  title: MessageKey;
  children: () => ReactNode;
}) {
  const stored = useLanguageChoice(db);
  const [spoken, setSpoken] = useState(startedIn);
  useEffect(() => {
    if (stored === undefined || stored === spoken) return;
    let current = true;
    void applyLanguage(stored).then(() => {
      if (!current) return;
      labelDocument(title);
      setSpoken(stored);
    });
    return () => {
      current = false;
    };
  }, [stored, spoken, title]);
  return children();
}
