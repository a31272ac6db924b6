import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Thread } from '@/lib/db/db';
import { t, tCount } from '@/lib/i18n/i18n';
import { isUnread } from '@/lib/conversation/threads';
import { StatusLabel } from './StatusLabel';
import { When } from './When';

interface Props {
  threads: Thread[];
  label: string;
  onOpen(threadId: string): void;
  /** Shown before the status: the buddy's name or the tool, whichever the list lacks. */
  detail?(thread: Thread): string;
  /** When `threads` holds only the first rows (a popup with 1,000 rows helps nobody): how many there are, and how to read them all. */
  more?: { total: number; loadAll(): Promise<Thread[]> };
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
          {' · '}
          <When at={thread.askedAt} />
        </span>
      </button>
    </li>
  );
}

/** All of them, read when asked for (and kept live while shown). */
function AllThreads({
  first,
  more,
  ...props
}: Omit<Props, 'threads' | 'more'> & { first: Thread[]; more: NonNullable<Props['more']> }) {
  // Keyed on the count: `more` is rebuilt at every render of the list's owner.
  const all = useLiveQuery(() => more.loadAll(), [more.total]);
  return <ThreadList {...props} threads={all ?? first} />;
}

export function ThreadList({ threads, label, onOpen, detail, more }: Props) {
  const [showAll, setShowAll] = useState(false);
  if (showAll && more) return <AllThreads first={threads} more={more} label={label} onOpen={onOpen} detail={detail} />;
  return (
    <>
      <ul className="thread-list" aria-label={label}>
        {threads.map((thread) => (
          <ThreadItem key={thread.id} thread={thread} onOpen={onOpen} detail={detail} />
        ))}
      </ul>
      {more && threads.length < more.total && (
        <button type="button" className="link" onClick={() => setShowAll(true)}>
          {tCount('show_all', more.total)}
        </button>
      )}
    </>
  );
}
