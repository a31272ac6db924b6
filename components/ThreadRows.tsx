import type { Thread } from '@/lib/db/db';
import { t } from '@/lib/i18n/i18n';
import { isUnread } from '@/lib/conversation/unread';
import { StatusLabel } from './StatusLabel';
import { When } from './When';

export interface ThreadRowsProps {
  threads: Thread[];
  label: string;
  onOpen(threadId: string): void;
  /** Shown before the status: the buddy's name or the tool, whichever the list lacks. */
  detail?(thread: Thread): string;
}

function ThreadItem({ thread, onOpen, detail }: { thread: Thread } & Pick<ThreadRowsProps, 'onOpen' | 'detail'>) {
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

/** The rows themselves, with no database code: the popup's first paint draws them from its summary. */
export function ThreadRows({ threads, label, onOpen, detail }: ThreadRowsProps) {
  return (
    <ul className="thread-list" aria-label={label}>
      {threads.map((thread) => (
        <ThreadItem key={thread.id} thread={thread} onOpen={onOpen} detail={detail} />
      ))}
    </ul>
  );
}
