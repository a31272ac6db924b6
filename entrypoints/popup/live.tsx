/** The popup with its database: loaded by main.tsx once the first paint is drawn. */
import { mountPage } from '@/components/mount';
import { allFromBuddy as fromBuddy, allMine as mine } from '@/lib/conversation/inbox';
import { db } from '@/lib/db/db';
import { Popup } from './Popup';
import type { LanguageChoice } from '@/lib/i18n/language';
import type { PopupStart } from './view';

export function mountLivePopup(tabId: number | undefined, start: PopupStart, language?: LanguageChoice): Promise<void> {
  // A copy: what the person chooses from now on is the live popup's own state.
  return mountPage(<Popup tabId={tabId} start={{ ...start }} />, 'app_name', language);
}

export const allFromBuddy = (pairId: string) => fromBuddy(db, pairId);
export const allMine = () => mine(db);
