/**
 * Firefox gets the Manifest V2 build, where the toolbar button is `browserAction` and `action` does
 * not exist: the badge, the tooltip and the popup must reach it there too (they all went to
 * `browser.action` before, so in Firefox the badge never counted anything).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speakStoredLanguage } from '@/entrypoints/background/language';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { toolbarButton } from '@/lib/platform/toolbar-button';
import { createBackgroundSync } from '@/lib/sync/background-sync';
import { messageIn } from '../../e2e/support/messages';
import { speak } from '../helpers/i18n';
import { RelayDouble } from '../helpers/relay-double';

type ToolbarButton = typeof browser.action;
const mv3Action: ToolbarButton = browser.action;
const withBrowserAction = browser as unknown as { action?: ToolbarButton; browserAction?: ToolbarButton };
const originalBrowserAction = withBrowserAction.browserAction;

/** What Firefox's MV2 build sees: the same button API, under the name browserAction only. */
function actAsFirefoxMv2(): ToolbarButton {
  withBrowserAction.browserAction = mv3Action;
  withBrowserAction.action = undefined;
  return mv3Action;
}

describe('the toolbar button in Firefox’s Manifest V2 build', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  afterEach(() => {
    withBrowserAction.action = mv3Action;
    withBrowserAction.browserAction = originalBrowserAction;
  });

  it('is browserAction where there is no action, and action wherever there is one (Chrome, Edge)', () => {
    expect(toolbarButton()).toBe(mv3Action);
    const firefoxButton = actAsFirefoxMv2();
    expect(browser.action).toBeUndefined();
    expect(toolbarButton()).toBe(firefoxButton);
  });

  it('counts a buddy’s question on the badge', async () => {
    const button = actAsFirefoxMv2();
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    await createBackgroundSync(anne.db, { client: anne.deps.client, now: anne.deps.now }).request();

    await createBackgroundSync(karim.db, { client: karim.deps.client, now: karim.deps.now }).request();
    expect(await button.getBadgeText({})).toBe('1');
  });

  it('gives the button its tooltip in the language Binôme speaks', async () => {
    const button = actAsFirefoxMv2();
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    speak('fr');
    await speakStoredLanguage(anne.db);
    expect(await button.getTitle({})).toBe(messageIn('fr', 'action_title'));
  });
});
