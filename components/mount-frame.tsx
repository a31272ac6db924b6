import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import './theme.css';

/** The page's language and title, and the React root: common to every extension page. */
export function prepareDocument(title: MessageKey) {
  document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
  document.title = t(title);
  return createRoot(document.getElementById('root')!);
}

/**
 * A frame inside someone else's page: the browser partitions its storage, so it has no
 * database of its own (and loads no database code); everything goes through the background.
 */
export function mountFrame(page: ReactNode, title: MessageKey): void {
  prepareDocument(title).render(<StrictMode>{page}</StrictMode>);
}
