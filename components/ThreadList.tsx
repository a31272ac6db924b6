import type { Pair, Thread } from '@/lib/db';
import { t } from '@/lib/i18n';
import { isUnread } from '@/lib/threads';
import { StatusLabel } from './StatusLabel';

interface Props {
  threads: Thread[];
  label: string;
  onOpen(threadId: string): void;
  /** Shown before the status: the buddy's name or the tool, whichever the list lacks. */
  detail?(thread: Thread): string;
}

export function ThreadList({ threads, label, onOpen, detail }: Props) {
  return (
    <ul className="thread-list" aria-label={label}>
      {threads.map((thread) => {
        const unread = isUnread(thread);
        return (
          <li key={thread.id}>
            <button type="button" className={unread ? 'thread-item unread' : 'thread-item'} onClick={() => onOpen(thread.id)}>
              {unread && <span className="new-dot">{t('unread')}</span>}
              <span className="question">{thread.question || t('thread_question_missing')}</span>
              <span className="meta">
                {detail?.(thread) ?? thread.context?.toolName}
                {' · '}
                <StatusLabel direction={thread.direction} status={thread.status} />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Unread first, then the most recent activity. */
export function inboxOrder(a: Thread, b: Thread): number {
  const unread = Number(isUnread(b)) - Number(isUnread(a));
  return unread || b.updatedAt - a.updatedAt;
}

export function groupByPair(threads: Thread[], pairs: Pair[]): { pair: Pair; threads: Thread[] }[] {
  return pairs
    .map((pair) => ({ pair, threads: threads.filter((thread) => thread.pairId === pair.pairId).sort(inboxOrder) }))
    .filter((group) => group.threads.length > 0);
}
