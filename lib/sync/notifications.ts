/**
 * Tells the person, in their language, that their buddy asked or answered. One
 * notification per buddy and sync round: 2,000 questions make one "Karim asked 2,000
 * questions", not 2,000 notifications.
 */
import { browser } from 'wxt/browser';
import type { Pair } from '../db/db';
import { t, tCount } from '../i18n/i18n';
import { languageApplied } from '../i18n/language';
import type { StoredMessage } from '../conversation/threads';

const EXCERPT = 140;

interface Notice {
  id: string;
  title: string;
  message: string;
}

const PREFIX = 'binome';
const BATCH = 'batch';

/**
 * The thread a click on this notification opens, or null for one that tells of several
 * (or is not Binôme's): the popup then opens on the tab with the news. Thread ids are UUIDs,
 * so ':' cannot occur in them.
 */
export function threadOfNotice(notificationId: string): string | null {
  const [prefix, threadId, second] = notificationId.split(':');
  if (prefix !== PREFIX || !threadId || !second || second === BATCH) return null;
  return threadId;
}

function single(pair: Pair, message: StoredMessage): Notice {
  const title =
    message.kind === 'answer'
      ? t('notify_answer', pair.peerName)
      : message.kind === 'follow-up'
        ? t('notify_follow_up', pair.peerName)
        : t('notify_question', pair.peerName);
  return { id: `${PREFIX}:${message.threadId}:${message.id}`, title, message: message.text.slice(0, EXCERPT) };
}

/** Follow-ups are questions too, for the count: "Karim asked 3 questions". */
function batch(pair: Pair, questions: number, answers: number, last: StoredMessage): Notice {
  const title =
    answers === 0
      ? tCount('notify_questions', questions, [pair.peerName])
      : questions === 0
        ? tCount('notify_answers', answers, [pair.peerName])
        : t('notify_mixed', [pair.peerName, tCount('count_questions', questions), tCount('count_answers', answers)]);
  return { id: `${PREFIX}:${pair.pairId}:${BATCH}:${last.id}`, title, message: t('notify_batch_body') };
}

export function noticeFor(pair: Pair, messages: StoredMessage[]): Notice | null {
  const worth = messages.filter(
    (message) => message.kind === 'question' || message.kind === 'follow-up' || message.kind === 'answer',
  );
  const last = worth.at(-1);
  if (!last) return null;
  if (worth.length === 1) return single(pair, last);
  const answers = worth.filter((message) => message.kind === 'answer').length;
  return batch(pair, worth.length - answers, answers, last);
}

export async function notifyNewFromPeer(pair: Pair, messages: StoredMessage[]): Promise<void> {
  // In the language chosen in the settings, which a worker just woken may still be loading.
  await languageApplied();
  const notice = noticeFor(pair, messages);
  if (!notice) return;
  await browser.notifications
    .create(notice.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: notice.title,
      message: notice.message,
    })
    .catch((error: unknown) => console.warn('Binôme could not show a notification', error));
}
