import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INBOX_SUMMARY_KEY, startEarlySummaryRead } from '@/lib/conversation/inbox-summary-early';
import { dropInboxSummary, readInboxSummary, writeInboxSummary } from '@/lib/conversation/inbox-summary';
import type { InboxPage } from '@/lib/conversation/inbox';

const page: InboxPage = {
  pairs: [],
  groups: [],
  unreadTotal: 0,
  mine: [],
  mineTotal: 0,
  news: { toAnswer: 0, unreadAnswers: 0 },
};

describe('the summary read started in the popup’s head', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is what the first paint draws, even when storage changed after it was asked for', async () => {
    await writeInboxSummary(page, 'fr');
    startEarlySummaryRead();
    await dropInboxSummary();
    expect((await readInboxSummary())?.language).toBe('fr');
  });

  it('is taken once: any later read asks storage again', async () => {
    await writeInboxSummary(page, 'fr');
    startEarlySummaryRead();
    await readInboxSummary();
    await writeInboxSummary(page, 'en');
    expect((await readInboxSummary())?.language).toBe('en');
  });

  it('is checked like any read: a summary of another shape is not drawn', async () => {
    await fakeBrowser.storage.session.set({ [INBOX_SUMMARY_KEY]: { shape: 0, language: 'en', page } });
    startEarlySummaryRead();
    expect(await readInboxSummary()).toBeNull();
  });
});
