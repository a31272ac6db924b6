/**
 * The popup's read of its summary (inbox-summary.ts), started by a classic script in the head of
 * popup.html (entrypoints/popup-summary.ts) while the browser still fetches and compiles the
 * popup's modules: the storage round trip then runs beside them instead of after them. No
 * import, so that script is this module alone.
 */
export const INBOX_SUMMARY_KEY = 'binome:inbox-summary';
const EARLY_READ = '__binomeInboxSummaryRead';

type StoredItems = Record<string, unknown>;
interface Extension {
  storage?: { session?: { get(key: string): Promise<StoredItems> } };
}
type EarlyGlobal = typeof globalThis & { browser?: Extension; chrome?: Extension; [EARLY_READ]?: Promise<StoredItems> };

/** Firefox names the extension API `browser`, Chrome `chrome`; both answer with a promise. */
export function startEarlySummaryRead(): void {
  const global = globalThis as EarlyGlobal;
  const session = (global.browser ?? global.chrome)?.storage?.session;
  if (!session) return;
  const read = session.get(INBOX_SUMMARY_KEY);
  // A popup that opens on a thread never takes it: its failure is nobody's error.
  read.catch(() => undefined);
  global[EARLY_READ] = read;
}

/** The early read, once: any later read asks storage again, for what was written since. */
export function takeEarlySummaryRead(): Promise<StoredItems> | undefined {
  const global = globalThis as EarlyGlobal;
  const read = global[EARLY_READ];
  delete global[EARLY_READ];
  return read;
}
