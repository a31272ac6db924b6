/** What the popup shows, and where it starts: no database code, its first script reads it. */
import type { PendingAsk } from '@/lib/db/settings';
import type { InboxShown } from '@/lib/conversation/inbox-summary';
import { threadFromHash } from '@/lib/conversation/thread-address';
import type { PopupTab } from './PopupHome';

export type View = { name: 'home' } | { name: 'ask'; fromMenu?: PendingAsk } | { name: 'thread'; threadId: string };

/** Opened on `#thread=<id>` (a notification click where no popup could open): that thread first. */
export function viewFromAddress(): View {
  const threadId = threadFromHash(window.location.hash);
  return threadId ? { name: 'thread', threadId } : { name: 'home' };
}

/** Where the live popup takes over from its first paint: what it drew, and what the person chose meanwhile. */
export interface PopupStart {
  page: InboxShown | null;
  tab: PopupTab | null;
  view: View;
}
