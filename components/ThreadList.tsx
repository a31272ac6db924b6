import { lazy, Suspense, useState } from 'react';
import type { Thread } from '@/lib/db/db';
import { tCount } from '@/lib/i18n/i18n';
import { ThreadRows, type ThreadRowsProps } from './ThreadRows';

const AllThreads = lazy(() => import('./AllThreads').then((module) => ({ default: module.AllThreads })));

interface Props extends ThreadRowsProps {
  /** When `threads` holds only the first rows (a popup with 1,000 rows helps nobody): how many there are, and how to read them all. */
  more?: { total: number; loadAll(): Promise<Thread[]> };
}

export function ThreadList({ threads, more, ...rows }: Props) {
  const [showAll, setShowAll] = useState(false);
  if (showAll && more)
    return (
      // Until all are read, the first rows stay where they were.
      <Suspense fallback={<ThreadRows {...rows} threads={threads} />}>
        <AllThreads {...rows} first={threads} total={more.total} loadAll={more.loadAll} />
      </Suspense>
    );
  return (
    <>
      <ThreadRows {...rows} threads={threads} />
      {more && threads.length < more.total && (
        <button type="button" className="link" onClick={() => setShowAll(true)}>
          {tCount('show_all', more.total)}
        </button>
      )}
    </>
  );
}
