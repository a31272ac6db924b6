/**
 * How the in-page panel's frame takes what the background prepared for it: from session storage
 * where it has it (Chrome), from the background otherwise (Firefox gives an extension frame inside
 * a web page no `storage.session`); the background checks that the frame is the panel it asks about.
 */
import { browser } from 'wxt/browser';
import { sendFromPanelFrame } from '../messaging/messaging';
import { forgetOpenPanel, takeChannelSecret, takePreparedAsk, type PreparedAsk } from './prepared-ask';

function hasSessionStorage(): boolean {
  return !!(browser.storage as { session?: unknown } | undefined)?.session;
}

export function takePreparedAskInFrame(id: string): Promise<PreparedAsk | null> {
  return hasSessionStorage() ? takePreparedAsk(id) : sendFromPanelFrame({ type: 'panel:take-prepared-ask', askId: id });
}

export function takeChannelSecretInFrame(id: string): Promise<string | null> {
  return hasSessionStorage() ? takeChannelSecret(id) : sendFromPanelFrame({ type: 'panel:take-channel-secret', askId: id });
}

export async function forgetOpenPanelFromFrame(tabId: number): Promise<void> {
  if (hasSessionStorage()) await forgetOpenPanel(tabId);
  else await sendFromPanelFrame({ type: 'panel:forget-open-panel' });
}
