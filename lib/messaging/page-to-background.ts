/**
 * Extension page → background: what the popup, options, side panel and the in-page panel's
 * frame ask of the background, and what each is answered. The only family the background
 * answers; lib/messaging/messaging.ts sends it and checks who sent it.
 */
import { z } from 'zod';
import { questionToAskSchema } from '../ask/question';
import { PAIR_ROLES } from '../protocol/protocol';
import {
  defineRequestFamily,
  reply,
  type MessageOf,
  type ReplyOf,
  type RequestFields,
  type RequestHandlers,
} from './message-family';

const pageToBackgroundRequests = {
  'page:sync-now': { fields: {}, reply: reply<{ reachable: boolean }>() },
  /** The code to read aloud; the pairing's progress is in Dexie (db.pairings) under pairingId. */
  'page:create-invite': {
    fields: { role: z.enum(PAIR_ROLES) },
    reply: reply<{ code: string; expiresAt: number; pairingId: string }>(),
  },
  'page:accept-invite': { fields: { code: z.string() }, reply: reply<{ pairingId: string; peerName: string }>() },
  /** A personal code from a programme's e-mail (lib/sync/programme-join.ts); progress as for an invite. */
  'page:join-programme': {
    fields: { code: z.string().max(100) },
    reply: reply<{ pairingId: string }>(),
  },
  'page:leave-pair': { fields: { pairId: z.string() }, reply: reply<null>() },
  // From the in-page ask panel, which cannot open the database itself (lib/ask/ask-backend.ts).
  'page:remember-screenshot-choice': { fields: { site: z.string(), wanted: z.boolean() }, reply: reply<null>() },
  'page:ask': { fields: { question: questionToAskSchema }, reply: reply<{ threadId: string }>() },
  /** The language was chosen in the settings (already stored): the background speaks it from now on. */
  'page:language-changed': { fields: {}, reply: reply<null>() },
  'page:start-picking': { fields: { tabId: z.number().int().nonnegative() }, reply: reply<null>() },
};

type PageToBackgroundRequests = typeof pageToBackgroundRequests;

export const pageToBackground = defineRequestFamily(pageToBackgroundRequests);

export type PageToBackgroundMessage = MessageOf<RequestFields<PageToBackgroundRequests>>;
export type PageToBackgroundType = PageToBackgroundMessage['type'];
export type PageToBackgroundReply<K extends PageToBackgroundType> = ReplyOf<PageToBackgroundRequests, K>;
export type PageToBackgroundHandlers = RequestHandlers<PageToBackgroundRequests>;
