/**
 * Sending to the background, and who may. Only extension pages (popup, options, side panel,
 * the in-page panel's frame) may talk to the background: content scripts and web pages are
 * refused by the sender check. What may be sent is declared in ./page-to-background.ts;
 * this module imports only its types, so that the pages do not load the checks.
 */
import { browser, type Browser } from 'wxt/browser';
import type { PageToBackgroundMessage, PageToBackgroundReply } from './page-to-background';
import type { PanelFrameToBackgroundMessage, PanelFrameToBackgroundReply } from './panel-frame-to-background';
import type { PlayerToBackgroundMessage, PlayerToBackgroundReply } from './player-to-background';

export type { PageToBackgroundMessage } from './page-to-background';

export type BackgroundReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** An error whose code the UI turns into a sentence in the user's language. */
export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackgroundError';
  }
}

export function sendToBackground<M extends PageToBackgroundMessage>(message: M): Promise<PageToBackgroundReply<M['type']>> {
  return send(message);
}

/** From the in-page panel's frame only: the background checks that it is one, and which. */
export function sendFromPanelFrame<M extends PanelFrameToBackgroundMessage>(
  message: M,
): Promise<PanelFrameToBackgroundReply<M['type']>> {
  return send(message);
}

/** From the walkthrough player in a tab: the background checks that the tab is the one it was started in. */
export function sendFromPlayer<M extends PlayerToBackgroundMessage>(message: M): Promise<PlayerToBackgroundReply<M['type']>> {
  return send(message);
}

async function send<T>(message: unknown): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as BackgroundReply<T>;
  if (!reply) throw new BackgroundError('no_reply', 'The background did not answer.');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}

export function isFromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}
