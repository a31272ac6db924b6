/** The popup page's address for one thread (`#thread=<id>`), without database code: the popup's first script reads it. */
const HASH_KEY = 'thread';

export function threadPagePath(threadId: string): `/popup.html#${string}` {
  return `/popup.html#${HASH_KEY}=${encodeURIComponent(threadId)}`;
}

/** The thread a `#thread=<id>` hash names, or null. */
export function threadFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY) || null;
}
