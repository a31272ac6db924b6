/**
 * Player → background: what the walkthrough player (entrypoints/player.ts, injected on demand
 * into the tab where the person clicked "Show me on my page") asks of the background. It comes
 * from a web page's tab, so the background answers it only from the tab the popup started the
 * player in, in its top frame, while that start is fresh (lib/walkthrough/player-handover.ts);
 * lib/walkthrough/player-link.ts sends it.
 */
import { z } from 'zod';
import type { HandedMessages } from '../i18n/i18n';
import type { Walkthrough } from '../walkthrough/schema';
import { WALKTHROUGH_LIMITS } from '../walkthrough/schema';
import {
  defineRequestFamily,
  reply,
  type MessageOf,
  type ReplyOf,
  type RequestFields,
  type RequestHandlers,
} from './message-family';

/** What the player needs to run: the walkthrough, who made it, and its words in the person's language. */
export interface PlayerHandover {
  walkthrough: Walkthrough;
  helperName: string;
  /** The chosen language's messages for the player's keys; null when it is the browser's own. */
  language: HandedMessages;
}

const playerToBackgroundRequests = {
  /** The walkthrough to play, once per start; null when this tab was not asked to play one. */
  'player:take-walkthrough': { fields: {}, reply: reply<PlayerHandover | null>() },
  /** "Tell ⟨helper⟩": step (1-based) was not found on this page. */
  'player:step-not-found': {
    fields: { step: z.number().int().min(1).max(WALKTHROUGH_LIMITS.steps) },
    reply: reply<null>(),
  },
};

type PlayerToBackgroundRequests = typeof playerToBackgroundRequests;

export const playerToBackground = defineRequestFamily(playerToBackgroundRequests);

export type PlayerToBackgroundMessage = MessageOf<RequestFields<PlayerToBackgroundRequests>>;
export type PlayerToBackgroundType = PlayerToBackgroundMessage['type'];
export type PlayerToBackgroundReply<K extends PlayerToBackgroundType> = ReplyOf<PlayerToBackgroundRequests, K>;
export type PlayerToBackgroundHandlers = RequestHandlers<PlayerToBackgroundRequests>;
