import { useState } from 'react';
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
  /** Render this many first; a button shows the rest (a popup with 1,000 rows helps nobody). */
  initialCount?: number;
}

function ThreadItem({ thread, onOpen, detail }: { thread: Thread } & Pick<Props, 'onOpen' | 'detail'>) {
  const unread = isUnread(thread);
  return (
    <li>
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
}

export function ThreadList({ threads, label, onOpen, detail, initialCount = Infinity }: Props) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? threads : threads.slice(0, initialCount);
  return (
    <>
      <ul className="thread-list" aria-label={label}>
        {shown.map((thread) => (
          <ThreadItem key={thread.id} thread={thread} onOpen={onOpen} detail={detail} />
        ))}
      </ul>
      {shown.length < threads.length && (
        <button type="button" className="link" onClick={() => setShowAll(true)}>
          {t('show_all', String(threads.length))}
        </button>
      )}
    </>
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
