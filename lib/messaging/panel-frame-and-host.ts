/**
 * Host page ↔ panel frame: the in-page ask panel's host (lib/ask/ask-panel-host.ts, in the
 * page's isolated world) and its frame (an extension page) talk over a MessageChannel only.
 * Declared as plain values rather than schemas: the host's check runs inside a function
 * serialised into the page, which has nothing but its arguments, so the background passes it
 * this declaration (ASK_PANEL_MESSAGES), and the frame checks offers against the same one.
 */

/** Host → frame, posted to the frame's exact origin: the channel's port, with the one-time secret. */
export const HOST_TO_PANEL_FRAME = { channel: 'binome:ask-panel-channel' } as const;

/** Frame → host, on the channel; each carries nothing but its type. */
export const PANEL_FRAME_TO_HOST = {
  /** The person closed it (Esc, Cancel, Close). */
  close: 'binome:close-ask-panel',
  /** The form is drawn: the host shows it. */
  ready: 'binome:ask-panel-ready',
  /** Its document is going (the frame is being navigated). */
  leaving: 'binome:ask-panel-leaving',
} as const;

export interface HostToPanelFrameMessage {
  type: typeof HOST_TO_PANEL_FRAME.channel;
  secret: string;
}
export type PanelFrameToHostType = (typeof PANEL_FRAME_TO_HOST)[keyof typeof PANEL_FRAME_TO_HOST];
export interface PanelFrameToHostMessage {
  type: PanelFrameToHostType;
}

/** Both directions, as the host function receives them. */
export const ASK_PANEL_MESSAGES = { ...HOST_TO_PANEL_FRAME, ...PANEL_FRAME_TO_HOST } as const;
export type AskPanelMessages = typeof ASK_PANEL_MESSAGES;
