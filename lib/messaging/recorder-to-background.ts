/**
 * Recorder → background: the walkthrough recorder (entrypoints/recorder.ts), injected into the
 * one tab the helper records in, hands each gesture to the background, which keeps the draft in
 * Dexie (the popup that started it closes as soon as the helper clicks the page). It comes from
 * a web page's tab: the background takes it only from the top frame of the tab being recorded
 * (lib/walkthrough/recorder-session.ts) and ignores, and logs, anything else.
 */
import { z } from 'zod';
import type { HandedMessages } from '../i18n/i18n';
import { STEP_ACTIONS, stepTargetSchema, WALKTHROUGH_LIMITS } from '../walkthrough/schema';
import {
  defineRequestFamily,
  reply,
  type MessageOf,
  type ReplyOf,
  type RequestFields,
  type RequestHandlers,
} from './message-family';

/** Where the recording stands, for the bar's count. `full`: no more steps will be kept. */
export interface RecordingState {
  count: number;
  full: boolean;
}

/** The answer to the recorder's hello: where the recording stands, and the bar's words. */
export interface RecorderGreeting {
  state: RecordingState;
  /** The chosen language's messages for the bar's keys; null when it is the browser's own. */
  language: HandedMessages;
}

const recorderToBackgroundRequests = {
  /** Injected (again, after a full page load): how many steps the draft already holds, and the bar's words. */
  'recorder:hello': { fields: {}, reply: reply<RecorderGreeting>() },
  /** A gesture: the background makes the step (address pattern, caption in the helper's language). */
  'recorder:step': {
    fields: {
      action: z.enum(STEP_ACTIONS),
      target: stepTargetSchema,
      choice: z.string().max(WALKTHROUGH_LIMITS.word),
      url: z.string().max(WALKTHROUGH_LIMITS.url * 4),
    },
    reply: reply<RecordingState>(),
  },
  /** "Finish" in the bar: the background opens the thread, where the helper edits and sends. */
  'recorder:finish': { fields: {}, reply: reply<null>() },
};

export type RecorderToBackgroundRequests = typeof recorderToBackgroundRequests;

export const recorderToBackground = defineRequestFamily(recorderToBackgroundRequests);

export type RecorderToBackgroundMessage = MessageOf<RequestFields<RecorderToBackgroundRequests>>;
export type RecorderToBackgroundReply<K extends RecorderToBackgroundMessage['type']> = ReplyOf<RecorderToBackgroundRequests, K>;
export type RecorderToBackgroundHandlers = RequestHandlers<RecorderToBackgroundRequests>;
