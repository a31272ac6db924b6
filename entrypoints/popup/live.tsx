/** The popup with its database: loaded by main.tsx once the first paint is drawn. */
import { mountPage } from '@/components/mount';
import { allFromBuddy as fromBuddy, allMine as mine } from '@/lib/conversation/inbox';
import { db } from '@/lib/db/db';
import { Popup } from './Popup';
import type { LanguageChoice } from '@/lib/i18n/language';
import type { PopupStart } from './view';

export async function mountLivePopup(tabId: number | undefined, start: PopupStart, language?: LanguageChoice): Promise<void> {
  // A copy: what the person chooses from now on is the live popup's own state.
  await mountPage(<Popup tabId={tabId} start={{ ...start }} />, 'app_name', language);
  // Where the whole popup is there (bench/capture.ts and the profile in bench/README.md read it).
  performance.mark('binome:popup-live');
}

export const allFromBuddy = (pairId: string) => fromBuddy(db, pairId);
export const allMine = () => mine(db);
