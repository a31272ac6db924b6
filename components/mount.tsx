import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createClient } from '@/lib/client';
import { db } from '@/lib/db';
import { t, type MessageKey } from '@/lib/i18n';
import { ServicesProvider } from './services';
import { StorageGuard } from './StorageGuard';
import './theme.css';

function prepareDocument(title: MessageKey) {
  document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
  document.title = t(title);
  return createRoot(document.getElementById('root')!);
}

/** A frame inside someone else's page: no database of its own, everything through the background. */
export function mountFrame(page: ReactNode, title: MessageKey): void {
  prepareDocument(title).render(<StrictMode>{page}</StrictMode>);
}

/** Mounts an extension page with the real database and client, in the UI's language. */
export function mountPage(page: ReactNode, title: MessageKey): void {
  prepareDocument(title).render(
    <StrictMode>
      <StorageGuard db={db}>
        <ServicesProvider db={db} client={createClient(db)}>
          {page}
        </ServicesProvider>
      </StorageGuard>
    </StrictMode>,
  );
}
