import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageMessageHandlers } from '@/entrypoints/background/page-messages';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { INBOX_FIRST_ROWS, readInboxPage } from '@/lib/conversation/inbox';
import { readInboxSummary, shownOf, writeInboxSummary } from '@/lib/conversation/inbox-summary';
import { newsTotal } from '@/lib/conversation/news-tabs';
import { leaveThreadToOpen } from '@/lib/conversation/open-thread';
import { languageSetting, write } from '@/lib/db/settings';
import { createClient } from '@/lib/messaging/client';
import { createBackgroundSync } from '@/lib/sync/background-sync';
import { speak } from '../helpers/i18n';
import { RelayDouble } from '../helpers/relay-double';

/** The summary the popup would paint first, checked against the badge and a fresh read of the same database. */
async function summaryOf(db: Parameters<typeof readInboxPage>[0]) {
  const summary = await readInboxSummary();
  if (!summary) throw new Error('no summary');
  expect(summary.page).toEqual(shownOf(await readInboxPage(db, INBOX_FIRST_ROWS)));
  const badge = await browser.action.getBadgeText({});
  expect(badge).toBe(newsTotal(summary.page.news) ? String(newsTotal(summary.page.news)) : '');
  return summary;
}

describe('the inbox summary the popup paints first', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  async function pairOfTwo() {
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    const annesSync = createBackgroundSync(anne.db, { client: anne.deps.client, now: anne.deps.now });
    const karimsSync = createBackgroundSync(karim.db, { client: karim.deps.client, now: karim.deps.now });
    return { relay, anne, karim, pairId, annesSync, karimsSync };
  }

  it('shows the buddy’s question once a sync round applied it, with the count the badge shows', async () => {
    const { anne, karim, pairId, annesSync, karimsSync } = await pairOfTwo();
    await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    await annesSync.request();
    await karimsSync.request();

    const summary = await summaryOf(karim.db);
    expect(summary.page.news).toEqual({ toAnswer: 1, unreadAnswers: 0 });
    expect(summary.page.groups.map((group) => group.threads.map((thread) => thread.question))).toEqual([
      ['How do I pin this tab?'],
    ]);
    expect(summary.language).toBe('browser');
  });

  it('stops counting an answer as soon as it is read, before any sync round', async () => {
    const { anne, karim, pairId, annesSync, karimsSync } = await pairOfTwo();
    const threadId = await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    await annesSync.request();
    await karimsSync.request();
    await createClient(karim.db).answer(threadId, 'Right-click it, then Pin.');
    await karimsSync.request();
    await annesSync.request();
    expect((await summaryOf(anne.db)).page.news.unreadAnswers).toBe(1);

    await createClient(anne.db).markRead(threadId);
    const summary = await summaryOf(anne.db);
    expect(summary.page.news.unreadAnswers).toBe(0);
    expect(summary.page.mine.map((thread) => thread.readSeq === thread.lastPeerSeq)).toEqual([true]);
  });

  it('keeps no key of a pair, only the buddy’s name', async () => {
    const { anne, karim, pairId, annesSync, karimsSync } = await pairOfTwo();
    await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    await annesSync.request();
    await karimsSync.request();
    const summary = await summaryOf(karim.db);
    expect(summary.page.pairs).toEqual([{ pairId, peerName: 'Anne' }]);
    expect(JSON.stringify(summary)).not.toContain('PublicKey');
  });

  it('leaves the pair out of the inbox as soon as the person leaves it', async () => {
    const { anne, karim, pairId, annesSync, karimsSync } = await pairOfTwo();
    await queueQuestion(anne.db, { pairId, text: 'How do I pin this tab?', context: null });
    await annesSync.request();
    await karimsSync.request();

    expect((await summaryOf(karim.db)).page.news.toAnswer).toBe(1);
    await pageMessageHandlers(karim.db, karimsSync)['page:leave-pair']({ type: 'page:leave-pair', pairId });
    // A question in a pair that was left can never be answered: it no longer waits on the badge or the tab.
    expect((await summaryOf(karim.db)).page.news.toAnswer).toBe(0);
  });

  it('names the language chosen in the settings, so the first paint is in that language', async () => {
    Object.assign(browser.contextMenus, { removeAll: vi.fn((done: () => void) => done()), create: vi.fn() });
    const { karim, karimsSync } = await pairOfTwo();
    await write(karim.db, languageSetting, 'fr');
    await pageMessageHandlers(karim.db, karimsSync)['page:language-changed']({ type: 'page:language-changed' });
    expect((await summaryOf(karim.db)).language).toBe('fr');
  });

  it('is dropped when the popup about to open will show a thread, so it never shows the inbox first', async () => {
    const { karim, karimsSync } = await pairOfTwo();
    await karimsSync.request();
    expect(await readInboxSummary()).not.toBeNull();
    await leaveThreadToOpen(karim.db, 'some-thread');
    expect(await readInboxSummary()).toBeNull();
  });

  it('ignores a summary of another shape than the one this version draws', async () => {
    const { karim } = await pairOfTwo();
    await writeInboxSummary(await readInboxPage(karim.db, INBOX_FIRST_ROWS), 'en');
    const stored = await browser.storage.session.get(null);
    const [key] = Object.keys(stored);
    await browser.storage.session.set({ [key!]: { ...(stored[key!] as object), shape: 0 } });
    expect(await readInboxSummary()).toBeNull();
  });
});
