import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { isFromExtensionPage, isPageToBackgroundMessage } from '@/lib/messaging/messaging';

describe('messages to the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are accepted from the extension’s own pages only', () => {
    const page = browser.runtime.getURL('/popup.html');
    expect(isFromExtensionPage({ id: browser.runtime.id, url: page })).toBe(true);
    // A content script has the extension's id but a web page's URL and a tab.
    expect(isFromExtensionPage({ id: browser.runtime.id, url: 'https://evil.example/', tab: { id: 3 } as never })).toBe(false);
    expect(isFromExtensionPage({ id: 'another-extension', url: page })).toBe(false);
    expect(isFromExtensionPage({ id: browser.runtime.id })).toBe(false);
  });

  it('must be one of the known message types', () => {
    expect(isPageToBackgroundMessage({ type: 'page:sync-now' })).toBe(true);
    expect(isPageToBackgroundMessage({ type: 'page:create-invite', role: 'helper' })).toBe(true);
    expect(isPageToBackgroundMessage({ type: 'page:leave-pair', pairId: 'p' })).toBe(true);
    expect(isPageToBackgroundMessage({ type: 'steal-token' })).toBe(false);
    expect(isPageToBackgroundMessage(null)).toBe(false);
    expect(isPageToBackgroundMessage('page:sync-now')).toBe(false);
  });
});
