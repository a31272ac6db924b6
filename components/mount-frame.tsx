import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage, type MessageKey } from '@/lib/i18n/i18n';
import { applyLanguage, type LanguageChoice } from '@/lib/i18n/language';
import './theme.css';

/** The page's `lang` and title follow the language Binôme speaks, at start and after a change. */
export function labelDocument(title: MessageKey): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(title);
}

/** The page's language and title, and the React root: common to every extension page. */
export function prepareDocument(title: MessageKey) {
  labelDocument(title);
  return createRoot(document.getElementById('root')!);
}

/**
 * A frame inside someone else's page: the browser partitions its storage, so it has no
 * database of its own (and loads no database code); everything goes through the background,
 * which also tells it the language chosen in the settings.
 */
export async function mountFrame(page: ReactNode, title: MessageKey, language: LanguageChoice = 'browser'): Promise<void> {
  await applyLanguage(language);
  prepareDocument(title).render(<StrictMode>{page}</StrictMode>);
}
