/**
 * In-page panel's frame → background: what the frame asks for when it has no session storage
 * (Firefox gives none to an extension frame inside a web page). The background answers only the
 * extension's own ask-panel frame, and only about the panel its URL names in its own tab
 * (lib/ask/prepared-ask-handover.ts); lib/messaging/messaging.ts sends it.
 */
import { z } from 'zod';
import type { PreparedAsk } from '../ask/prepared-ask';
import {
  defineRequestFamily,
  reply,
  type MessageOf,
  type ReplyOf,
  type RequestFields,
  type RequestHandlers,
} from './message-family';

const askId = z.string().min(1).max(100);

const panelFrameToBackgroundRequests = {
  /** The capture, once; null when it is not this frame's or already taken. */
  'panel:take-prepared-ask': { fields: { askId }, reply: reply<PreparedAsk | null>() },
  /** The channel's one-time secret, once; null when it is not this frame's or already taken. */
  'panel:take-channel-secret': { fields: { askId }, reply: reply<string | null>() },
  /** The panel closed: the next ask in its tab need not wait for it to go. */
  'panel:forget-open-panel': { fields: {}, reply: reply<null>() },
};

type PanelFrameToBackgroundRequests = typeof panelFrameToBackgroundRequests;

export const panelFrameToBackground = defineRequestFamily(panelFrameToBackgroundRequests);

export type PanelFrameToBackgroundMessage = MessageOf<RequestFields<PanelFrameToBackgroundRequests>>;
export type PanelFrameToBackgroundType = PanelFrameToBackgroundMessage['type'];
export type PanelFrameToBackgroundReply<K extends PanelFrameToBackgroundType> = ReplyOf<PanelFrameToBackgroundRequests, K>;
export type PanelFrameToBackgroundHandlers = RequestHandlers<PanelFrameToBackgroundRequests>;
