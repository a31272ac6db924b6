/**
 * runtime.onMessage: who may say what to the background. Extension pages are answered
 * (messages declared in lib/messaging/page-to-background.ts, shape checked); the in-page
 * panel's frame also about its own panel (lib/messaging/panel-frame-to-background.ts, checked
 * in lib/ask/prepared-ask-handover.ts against the frame's tab and URL); the walkthrough player
 * in a tab's top frame about the walkthrough started there (lib/messaging/player-to-background.ts,
 * checked in lib/walkthrough/player-handover.ts against the tab noted at start); a tab's picker
 * result is taken or ignored, never answered (lib/ask/picker-flow.ts checks its sender); the
 * walkthrough recorder is answered only in the tab being recorded (lib/walkthrough/recorder-session.ts);
 * anything else, from anyone else, is refused without an answer.
 */
import type { Browser } from 'wxt/browser';
import type { BinomeDb } from '@/lib/db/db';
import { onPickerMessage } from '@/lib/ask/picker-flow';
import { askPanelFrameOf, panelFrameHandlers } from '@/lib/ask/prepared-ask-handover';
import { handleRequest } from '@/lib/messaging/message-family';
import { PayloadRefusedError, TextTooLongError } from '@/lib/conversation/payload-errors';
import { BackgroundError, isFromExtensionPage, type BackgroundReply } from '@/lib/messaging/messaging';
import { pageToBackground, type PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import { panelFrameToBackground } from '@/lib/messaging/panel-frame-to-background';
import { playerToBackground } from '@/lib/messaging/player-to-background';
import { playerHandlers, playerTabOf, type PlayerDeps } from '@/lib/walkthrough/player-handover';
import { RelayError } from '@/lib/sync/relay-client';
import { ProgrammeEndedError } from '@/lib/programme/programme-errors';
import type { RecorderToBackgroundRequests } from '@/lib/messaging/recorder-to-background';
import { parseRecorderMessage, recorderHandlers } from '@/lib/walkthrough/recorder-session';

type SendResponse = (reply: BackgroundReply<unknown>) => void;

/** `true` tells the browser that the answer comes later, through sendResponse. */
export function onRuntimeMessage(
  db: BinomeDb,
  answerPage: PageToBackgroundHandlers,
  player: PlayerDeps = { nudge: () => undefined },
) {
  return (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: SendResponse): boolean => {
    const playerTab = playerTabOf(sender);
    const playerRequest = playerTab === null ? null : playerToBackground.parse(message);
    if (playerTab !== null && playerRequest) {
      const url = sender.url ?? sender.tab?.url ?? '';
      answer(handleRequest(playerHandlers(db, { tabId: playerTab, url }, player), playerRequest), sendResponse);
      return true;
    }
    const panelFrame = askPanelFrameOf(sender);
    const panelRequest = panelFrame ? panelFrameToBackground.parse(message) : null;
    if (panelFrame && panelRequest) {
      answer(handleRequest(panelFrameHandlers(panelFrame), panelRequest), sendResponse);
      return true;
    }
    const recorderRequest = sender.tab && !isFromExtensionPage(sender) ? parseRecorderMessage(message) : null;
    if (recorderRequest) {
      answer(handleRequest<RecorderToBackgroundRequests>(recorderHandlers(db, sender), recorderRequest), sendResponse);
      return true;
    }
    if (sender.tab && !isFromExtensionPage(sender)) {
      void onPickerMessage(db, message, sender).catch((error: unknown) =>
        console.warn('Binôme could not take the picked element', error),
      );
      return false;
    }
    const request = isFromExtensionPage(sender) ? pageToBackground.parse(message) : null;
    if (!request) return false;
    answer(handleRequest(answerPage, request), sendResponse);
    return true;
  };
}

function answer(value: Promise<unknown>, sendResponse: SendResponse): void {
  value.then(
    (value) => sendResponse({ ok: true, value }),
    (error: unknown) => sendResponse(failure(error)),
  );
}

function codeOf(error: unknown): string {
  if (error instanceof RelayError || error instanceof BackgroundError) return error.code;
  // From the in-page panel, whose form limits the text: these reach here only if that failed.
  if (error instanceof TextTooLongError) return 'text_too_long';
  if (error instanceof PayloadRefusedError) return 'message_refused';
  if (error instanceof ProgrammeEndedError) return 'programme_ended';
  return 'unexpected';
}

/** The code is what the page turns into a sentence; the message is for the console. */
function failure(error: unknown): BackgroundReply<never> {
  return {
    ok: false,
    error: {
      code: codeOf(error),
      message: error instanceof Error ? error.message : String(error),
    },
  };
}
