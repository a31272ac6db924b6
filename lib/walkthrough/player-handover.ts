/**
 * The background's side of the player (entrypoints/player.ts). The popup, which holds the
 * person's activeTab grant, notes which walkthrough it starts in which tab, then injects the
 * player (lib/walkthrough/player-start.ts); the player asks the background for it. A script in
 * a web page's tab can be spoken to by that page's own scripts only through the DOM, never
 * through runtime messaging; still, the background answers only the top frame of the tab noted,
 * once, while the note is fresh, and tells the helper only about steps of that walkthrough.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { siteOf } from '../db/db';
import { uuidv7 } from '../db/ids';
import { clear, playerStartSetting, read, write } from '../db/settings';
import { composeMessage, type StoredMessage } from '../conversation/threads';
import { t } from '../i18n/i18n';
import { messagesToHand } from '../i18n/language';
import { isFromExtensionPage } from '../messaging/messaging';
import type { PlayerToBackgroundHandlers } from '../messaging/player-to-background';
import { PLAYER_KEYS } from './player-strings';
import { walkthroughSchema } from './schema';

/** The player asks within a second of being injected; an older note is from an abandoned start. */
export const PLAYER_START_FRESH_MS = 2 * 60_000;
/** How long after the start "Tell ⟨helper⟩" still reaches them: a walkthrough followed slowly, not a tab left for days. */
export const PLAYER_TELL_MS = 4 * 60 * 60_000;

/** The tab of a message from a content script in a tab's top frame, else null (pages, frames, other extensions). */
export function playerTabOf(sender: Browser.runtime.MessageSender): number | null {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0 || isFromExtensionPage(sender)) return null;
  return tabId;
}

export interface PlayerDeps {
  /** Asks the sync engine to send what was just queued. */
  nudge(): void;
  now?: () => number;
}

/** The handlers for one sender: the tab it is in, and the address its frame showed. */
export function playerHandlers(
  db: BinomeDb,
  sender: { tabId: number; url: string },
  deps: PlayerDeps,
): PlayerToBackgroundHandlers {
  const now = () => deps.now?.() ?? Date.now();
  return {
    async 'player:take-walkthrough'() {
      const start = await db.transaction('rw', db.settings, async () => {
        const noted = await read(db, playerStartSetting);
        if (!noted || noted.tabId !== sender.tabId || noted.taken || now() - noted.at > PLAYER_START_FRESH_MS) return null;
        await write(db, playerStartSetting, { ...noted, taken: true });
        return noted;
      });
      if (!start) return null;
      const message = (await db.messages.get(start.messageId)) as StoredMessage | undefined;
      // Checked again: what the log holds was checked on arrival, but the player must never get what the schema refuses.
      const walkthrough = walkthroughSchema.safeParse(message?.walkthrough);
      if (!message || !walkthrough.success) {
        await clear(db, playerStartSetting);
        return null;
      }
      const pair = await db.pairs.get(message.pairId);
      return {
        walkthrough: walkthrough.data,
        helperName: pair?.peerName || t('buddy_unknown'),
        language: await messagesToHand(PLAYER_KEYS),
      };
    },
    async 'player:step-not-found'({ step }) {
      const noted = await read(db, playerStartSetting);
      if (!noted || noted.tabId !== sender.tabId || !noted.taken || now() - noted.at > PLAYER_TELL_MS) {
        throw new Error('No walkthrough is being shown in this tab.');
      }
      if (noted.told.includes(step)) return null;
      const message = (await db.messages.get(noted.messageId)) as StoredMessage | undefined;
      const steps = message?.walkthrough?.steps.length ?? 0;
      if (!message || step > steps) throw new Error(`The walkthrough being shown has no step ${step}.`);
      const pair = await db.pairs.get(message.pairId);
      if (!pair) throw new Error('The pair of this walkthrough is gone.');
      const at = now();
      await composeMessage(
        db,
        pair,
        'follow-up',
        { threadId: message.threadId, text: '', walkthroughProblem: { step, site: siteOf(sender.url) } },
        { id: uuidv7(at), now: at },
      );
      await write(db, playerStartSetting, { ...noted, told: [...noted.told, step] });
      deps.nudge();
      return null;
    },
  };
}
