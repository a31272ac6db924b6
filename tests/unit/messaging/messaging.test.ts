import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { isFromExtensionPage } from '@/lib/messaging/messaging';
import { pageToBackground } from '@/lib/messaging/page-to-background';
import { pickerToBackground } from '@/lib/messaging/picker-to-background';

const isPageToBackgroundMessage = (message: unknown) => pageToBackground.parse(message) !== null;

const QUESTION = {
  pairId: 'pair-1',
  text: 'How do I pin this tab?',
  context: { url: 'https://x.example/', title: 'X', tool: 'x', toolName: 'X', selection: '' },
};

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

  it('must have the shape their declaration gives them', () => {
    expect(isPageToBackgroundMessage({ type: 'page:create-invite', role: 'boss' })).toBe(false);
    expect(isPageToBackgroundMessage({ type: 'page:create-invite' })).toBe(false);
    expect(isPageToBackgroundMessage({ type: 'page:leave-pair', pairId: 42 })).toBe(false);
    expect(isPageToBackgroundMessage({ type: 'page:remember-screenshot-choice', site: 'x.example', wanted: 'yes' })).toBe(false);
    expect(isPageToBackgroundMessage({ type: 'page:start-picking', tabId: -1 })).toBe(false);
    expect(isPageToBackgroundMessage({ type: 'page:ask', question: QUESTION })).toBe(true);
    expect(isPageToBackgroundMessage({ type: 'page:ask', question: { ...QUESTION, text: '' } })).toBe(false);
    expect(
      isPageToBackgroundMessage({ type: 'page:ask', question: { ...QUESTION, context: { url: 'https://x.example/' } } }),
    ).toBe(false);
  });

  it('reach the handler with their declared fields only', () => {
    expect(pageToBackground.parse({ type: 'page:leave-pair', pairId: 'p', token: 'stolen' })).toEqual({
      type: 'page:leave-pair',
      pairId: 'p',
    });
  });
});

describe('messages from the picker', () => {
  it('are a picked element with its description, or a cancel', () => {
    expect(pickerToBackground.parse({ type: 'content:pick-cancelled' })).toEqual({ type: 'content:pick-cancelled' });
    expect(pickerToBackground.parse({ type: 'content:element-picked' })).toBeNull();
    expect(pickerToBackground.parse({ type: 'content:element-picked', description: 'a button' })).toBeNull();
    expect(pickerToBackground.parse({ type: 'page:sync-now' })).toBeNull();
  });
});
