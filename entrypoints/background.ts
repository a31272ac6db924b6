import { browser } from 'wxt/browser';
import { db, type Pair } from '@/lib/db/db';
import {
  BackgroundError,
  isFromExtensionPage,
  isPageToBackgroundMessage,
  type BackgroundReply,
  type PageToBackgroundMessage,
} from '@/lib/messaging/messaging';
import { openAskPanel } from '@/lib/ask/ask-panel';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { ASK_COMMAND } from '@/lib/ask/commands';
import { createContextMenu, onContextMenuClick } from '@/lib/ask/context-menu';
import { leavePair } from '@/lib/sync/leave-pair';
import { notifyNewFromPeer } from '@/lib/sync/notifications';
import { onPickerMessage } from '@/lib/ask/picker-flow';
import { startPicking } from '@/lib/ask/picker-start';
import { rememberScreenshotChoice } from '@/lib/capture/screenshot-choice';
import { acceptInvite, createInvite, syncDisplayName } from '@/lib/sync/pairing';
import { PushManager } from '@/lib/sync/push';
import { RelayClient, RelayError } from '@/lib/sync/relay-client';
import { normalizeRelayUrl } from '@/lib/sync/relay-url';
import { readProfile } from '@/lib/db/settings';
import { watchTabsForSiteMarks } from '@/lib/knowledge/site-marks';
import { countAwaitingMyAnswer, syncAll } from '@/lib/sync/sync';
import type { SyncDeps } from '@/lib/sync/deps';
import { SyncScheduler } from '@/lib/sync/sync-scheduler';
import type { StoredMessage } from '@/lib/conversation/threads';

const SYNC_ALARM = 'binome-sync';
/** The documented default: delivery with the buddy's UI closed within one minute. */
const POLL_MINUTES = 1;

export default defineBackground(() => {
  const deps: SyncDeps = {
    db,
    client: (identity) => new RelayClient(identity.relayUrl, identity.token),
    now: Date.now,
    onNewFromPeer: (pair: Pair, messages: StoredMessage[]) => notifyNewFromPeer(pair, messages),
  };
  const scheduler = new SyncScheduler(
    async () => {
      // Best effort: a relay that cannot be reached gets the new name at a later round.
      await syncDisplayName(deps, (await readProfile(db)).displayName).catch(() => undefined);
      const result = await syncAll(deps);
      await updateBadge();
      return result;
    },
    (error) => console.warn('Binôme sync failed', error),
  );
  const push = new PushManager(() => void scheduler.request());

  async function wake(): Promise<void> {
    await ensureAlarm();
    push.ensure(await db.identities.toArray());
    await scheduler.request();
  }

  async function handle(message: PageToBackgroundMessage): Promise<unknown> {
    switch (message.type) {
      case 'page:sync-now': {
        push.ensure(await db.identities.toArray());
        const result = await scheduler.request();
        return { reachable: result?.reachable ?? false };
      }
      case 'page:create-invite': {
        const invite = await createInvite(deps, { ...(await pairingProfile()), role: message.role });
        push.ensure(await db.identities.toArray());
        return invite;
      }
      case 'page:remember-screenshot-choice':
        await rememberScreenshotChoice(db, message.site, message.wanted);
        return null;
      case 'page:ask': {
        const threadId = await queueQuestion(db, message.question);
        void scheduler.request();
        return { threadId };
      }
      case 'page:start-picking':
        await startPicking(db, message.tabId);
        return null;
      case 'page:leave-pair':
        await leavePair(deps, message.pairId);
        void scheduler.request();
        return null;
      case 'page:accept-invite': {
        const pairing = await acceptInvite(deps, { ...(await pairingProfile()), code: message.code });
        push.ensure(await db.identities.toArray());
        void scheduler.request();
        return { pairingId: pairing.id, peerName: pairing.peerName ?? '' };
      }
    }
    async function pairingProfile() {
      const profile = await readProfile(db);
      if (!profile.displayName.trim()) throw new BackgroundError('no_name', 'No display name is set.');
      const relayUrl = normalizeRelayUrl(profile.relayUrl);
      if (!relayUrl) throw new BackgroundError('bad_relay_url', 'The relay address is not a web address.');
      return { relayUrl, displayName: profile.displayName.trim() };
    }
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // From a page where the person asked to point at an element: checked by sender and shape.
    if (sender.tab && !isFromExtensionPage(sender)) {
      void onPickerMessage(db, message, sender).catch((error: unknown) => console.warn('Binôme could not take the picked element', error));
      return false;
    }
    if (!isFromExtensionPage(sender) || !isPageToBackgroundMessage(message)) return false;
    handle(message).then(
      (value) => sendResponse({ ok: true, value } satisfies BackgroundReply<unknown>),
      (error: unknown) =>
        sendResponse({
          ok: false,
          error: {
            code: error instanceof RelayError || error instanceof BackgroundError ? error.code : 'unexpected',
            message: error instanceof Error ? error.message : String(error),
          },
        } satisfies BackgroundReply<unknown>),
    );
    return true;
  });
  browser.runtime.onInstalled.addListener(() => createContextMenu());
  const warnIfNoPanel = (error: unknown) => console.warn('Binôme could not open the ask panel', error);
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(db, info, tab).catch(warnIfNoPanel));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === ASK_COMMAND) void openAskPanel(db, tab, { selection: '', targetUrl: '' }).catch(warnIfNoPanel);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void wake();
  });
  watchTabsForSiteMarks(db);
  browser.notifications.onClicked.addListener((notificationId) => {
    void browser.notifications.clear(notificationId);
    void browser.action.openPopup().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
  });

  void wake();
});

async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SYNC_ALARM))) {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: POLL_MINUTES });
  }
}

async function updateBadge(): Promise<void> {
  const count = await countAwaitingMyAnswer(db);
  await browser.action.setBadgeText({ text: count ? String(count) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
}
