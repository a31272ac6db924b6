/**
 * Tab events wake the worker for every page load in the browser: Binôme listens to them only
 * while a walkthrough is being recorded, and stops as soon as no draft records.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { watchRecordedTabs } from '@/entrypoints/background/recorded-tabs';
import { BinomeDb } from '@/lib/db/db';
import { startDraft, stopRecordingInTab } from '@/lib/walkthrough/recorder-draft';

const THREAD = '11111111-1111-4111-8111-111111111111';
const TAB = 7;

async function listening(expected: boolean): Promise<void> {
  await expect.poll(() => fakeBrowser.tabs.onUpdated.hasListeners() && fakeBrowser.tabs.onRemoved.hasListeners()).toBe(expected);
}

describe('the recorded tabs', () => {
  let db: BinomeDb;
  beforeEach(() => {
    fakeBrowser.reset();
    db = new BinomeDb(`recorded-tabs-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('are not listened to while nothing records, and are while a draft records', async () => {
    watchRecordedTabs(db);
    // The live query's first answer (no draft) has come when the count is read at least once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(false);
    expect(fakeBrowser.tabs.onRemoved.hasListeners()).toBe(false);

    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://crm.acme.internal/contacts' });
    await listening(true);

    await stopRecordingInTab(db, TAB);
    await listening(false);
  });

  it('are listened to at start when a recording was going on before the worker stopped', async () => {
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://crm.acme.internal/contacts' });
    watchRecordedTabs(db);
    await listening(true);
  });
});
