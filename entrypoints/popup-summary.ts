/**
 * Loaded by popup.html's head as a classic async script, before the popup's modules: asks for
 * the inbox summary at once, and main.tsx takes the answer (lib/conversation/inbox-summary-early.ts).
 */
import { startEarlySummaryRead } from '@/lib/conversation/inbox-summary-early';

export default defineUnlistedScript(() => {
  startEarlySummaryRead();
});
