/** Tells the person, in their language, that their buddy asked or answered. */
import { browser } from 'wxt/browser';
import type { Pair } from './db';
import { t } from './i18n';
import type { StoredMessage } from './threads';

const EXCERPT = 140;

function headline(pair: Pair, message: StoredMessage): string | null {
  switch (message.kind) {
    case 'question':
      return t('notify_question', pair.peerName);
    case 'follow-up':
      return t('notify_follow_up', pair.peerName);
    case 'answer':
      return t('notify_answer', pair.peerName);
    default:
      return null;
  }
}

export async function notifyNewFromPeer(pair: Pair, messages: StoredMessage[]): Promise<void> {
  for (const message of messages) {
    const title = headline(pair, message);
    if (!title) continue;
    await browser.notifications
      .create(`binome:${message.threadId}:${message.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message: message.text.slice(0, EXCERPT),
      })
      .catch((error: unknown) => console.warn('Binôme could not show a notification', error));
  }
}
