/** A click on "Léa answered": the notification goes and the inbox opens (as a tab where no popup can open). */
import { browser } from 'wxt/browser';

export function onNotificationClicked(notificationId: string): void {
  void browser.notifications.clear(notificationId);
  void browser.action.openPopup().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
}
