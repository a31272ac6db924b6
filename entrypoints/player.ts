/**
 * The walkthrough player, injected on demand into the tab where the person clicked "Show me on
 * my page" (lib/walkthrough/player-start.ts): it asks the background for the walkthrough and
 * its words in the person's language, then runs lib/walkthrough/player-controller.ts. Nothing
 * of it exists in a page until then; Esc or Close removes everything it added.
 */
import { speakHanded } from '@/lib/i18n/i18n';
import { sendFromPlayer } from '@/lib/messaging/messaging';
import { runPlayer, type RunningPlayer } from '@/lib/walkthrough/player-controller';
import { findStepTarget } from '@/lib/walkthrough/player-find';

/** One player per page: a new start replaces the one showing. */
const ACTIVE = '__binomePlayer';

type PlayerWindow = Window & { [ACTIVE]?: RunningPlayer };

export default defineUnlistedScript({
  async main(): Promise<void> {
    const scope = window as PlayerWindow;
    scope[ACTIVE]?.close();
    const handover = await sendFromPlayer({ type: 'player:take-walkthrough' });
    if (!handover) return;
    speakHanded(handover.language);
    const player = runPlayer({
      walkthrough: handover.walkthrough,
      helperName: handover.helperName,
      find: (target, document, options) => findStepTarget(target, document, options),
      tellHelper: (step) => sendFromPlayer({ type: 'player:step-not-found', step }).then(() => undefined),
      onClosed: () => {
        if (scope[ACTIVE] === player) delete scope[ACTIVE];
      },
    });
    scope[ACTIVE] = player;
  },
});
