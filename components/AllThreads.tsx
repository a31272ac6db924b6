import { useLiveQuery } from 'dexie-react-hooks';
import type { Thread } from '@/lib/db/db';
import { ThreadRows, type ThreadRowsProps } from './ThreadRows';

/**
 * All of a list's threads, read when "Show all" is clicked (and kept live while shown). Loaded
 * with that click (components/ThreadList.tsx), so the popup's first chunk has no Dexie hooks.
 */
export function AllThreads({
  first,
  total,
  loadAll,
  ...props
}: Omit<ThreadRowsProps, 'threads'> & { first: Thread[]; total: number; loadAll(): Promise<Thread[]> }) {
  // Keyed on the count: `loadAll` is rebuilt at every render of the list's owner.
  const all = useLiveQuery(() => loadAll(), [total]);
  return <ThreadRows {...props} threads={all ?? first} />;
}
