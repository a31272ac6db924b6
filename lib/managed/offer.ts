/** Where a company said Binôme is never offered (its policy's `neverOfferOn`): payroll, HR, anything too sensitive to ask about. */
import { browser } from 'wxt/browser';
import { hostMatches } from '../capture/tools';
import { t } from '../i18n/i18n';
import { languageApplied } from '../i18n/language';
import type { ManagedPolicy } from './schema';

export function offeredOn(url: string | undefined, policy: ManagedPolicy): boolean {
  const never = policy.neverOfferOn ?? [];
  if (!url || never.length === 0) return true;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  return !never.some((host) => hostMatches(hostname, host));
}

/** The shortcut or the menu was used on such a site: said in a notification, since no panel opens to say it. */
export async function notifyNotOfferedHere(): Promise<void> {
  await languageApplied();
  await browser.notifications
    .create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('ext_name'),
      message: t('ask_not_offered_here'),
    })
    .catch((error: unknown) => console.warn('Binôme could not show a notification', error));
}
