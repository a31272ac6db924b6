import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { createClient } from '@/lib/messaging/client';
import { createBackgroundSync } from '@/lib/sync/background-sync';
import { speak } from '../helpers/i18n';
import { RelayDouble } from '../helpers/relay-double';

describe('sync as the background runs it', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('sends the outbox, then counts the buddy’s question on the badge and notifies it', async () => {
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });

    await createBackgroundSync(anne.db, { client: anne.deps.client, now: anne.deps.now }).request();
    expect(relay.messagesOf(pairId)).toHaveLength(1);

    await createBackgroundSync(karim.db, { client: karim.deps.client, now: karim.deps.now }).request();
    expect(await browser.action.getBadgeText({})).toBe('1');
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((notice) => notice.message)).toEqual([
      'How do I pin this tab?',
    ]);
  });

  it('counts the buddy’s answer on the asker’s badge until she reads it', async () => {
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    const threadId = await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    const annesSync = createBackgroundSync(anne.db, { client: anne.deps.client, now: anne.deps.now });
    const karimsSync = createBackgroundSync(karim.db, { client: karim.deps.client, now: karim.deps.now });
    await annesSync.request();
    await karimsSync.request();
    await createClient(karim.db).answer(threadId, 'Right-click it, then Pin.');
    await karimsSync.request();
    expect(await browser.action.getBadgeText({})).toBe('');

    await annesSync.request();
    expect(await browser.action.getBadgeText({})).toBe('1');
    await createClient(anne.db).markRead(threadId);
    expect(await browser.action.getBadgeText({})).toBe('');
  });
});
