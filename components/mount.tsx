import { StrictMode, type ReactNode } from 'react';
import { createClient } from '@/lib/messaging/client';
import { db } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n/i18n';
import { prepareDocument } from './mount-frame';
import { ServicesProvider } from './services';
import { StorageGuard } from './StorageGuard';

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
