/**
 * The popup's screens behind a click: loaded when the person points at, or tabs to, the control
 * that opens them (PopupHome), else with the click. Module imports are cached: asking twice costs
 * nothing.
 */
export const loadAskForm = () => import('./AskScreen');
export const loadThreadView = () => import('@/components/ThreadView');

/** Starts loading, without waiting; a failure shows when the screen itself is opened. */
export function prefetch(load: () => Promise<unknown>): () => void {
  return () => void load().catch(() => undefined);
}
