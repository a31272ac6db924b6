import { cloneElement, isValidElement, StrictMode, type ReactNode } from 'react';
import { createClient } from '@/lib/messaging/client';
import { db } from '@/lib/db/db';
import { readLanguageChoice } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n/i18n';
import { applyLanguage, type LanguageChoice } from '@/lib/i18n/language';
import { FollowLanguage } from './FollowLanguage';
import { prepareDocument } from './mount-frame';
import { ServicesProvider } from './services';
import { StorageGuard } from './StorageGuard';

/**
 * Mounts an extension page with the real database and client, in the language chosen in the
 * settings: read before the first render, so that nothing shows in the wrong language first.
 * A page that already knows it (the popup, from its summary) passes it and does not wait for the
 * database; FollowLanguage corrects it if the settings say otherwise.
 */
export async function mountPage(page: ReactNode, title: MessageKey, known?: LanguageChoice): Promise<void> {
  // A database that cannot be opened must not keep the page from showing: StorageGuard explains it, in the browser's language.
  const choice: LanguageChoice = known ?? (await readLanguageChoice(db).catch(() => 'browser'));
  await applyLanguage(choice);
  const client = createClient(db);
  prepareDocument(title).render(
    <StrictMode>
      <FollowLanguage db={db} startedIn={choice} title={title}>
        {() => (
          <StorageGuard db={db}>
            <ServicesProvider db={db} client={client}>
              {/* A copy (same type, key and state) each time: the element itself would be skipped as unchanged. */}
              {isValidElement(page) ? cloneElement(page) : page}
            </ServicesProvider>
          </StorageGuard>
        )}
      </FollowLanguage>
    </StrictMode>,
  );
}
