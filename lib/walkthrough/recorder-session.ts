/**
 * The background's side of a recording. The recorder's messages are taken only from the top
 * frame of the tab being recorded (the draft names it): a recorder message from any other tab,
 * frame or sender is ignored and logged. Steps are made here, where the caption is written in
 * the language the helper chose for Binôme (the page's script only knows the browser's), and
 * the hello hands the bar its words in that language.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { threadPagePath } from '../conversation/open-thread';
import { messagesToHand } from '../i18n/language';
import { BackgroundError } from '../messaging/messaging';
import {
  recorderToBackground,
  type RecorderToBackgroundHandlers,
  type RecorderToBackgroundMessage,
} from '../messaging/recorder-to-background';
import { appendStep, recordingInTab, recordingState, stopRecordingInTab } from './recorder-draft';
import { RECORDER_SCRIPT } from './recorder-start';
import { makeStep } from './recorder-step';
import { RECORDER_KEYS } from './recorder-strings';

/** The tab a message comes from when it comes from Binôme's own script in a tab's top frame; else null. */
export function recorderTabOf(sender: Browser.runtime.MessageSender): number | null {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined || tabId < 0) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  // An extension page shown in a tab is not a recorder.
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return null;
  return tabId;
}

export function parseRecorderMessage(message: unknown): RecorderToBackgroundMessage | null {
  return recorderToBackground.parse(message);
}

function notRecording(sender: Browser.runtime.MessageSender, type: string): BackgroundError {
  console.warn(`Binôme ignored "${type}" from tab ${sender.tab?.id ?? '?'} (frame ${sender.frameId ?? '?'}): no recording there`);
  return new BackgroundError('not_recording', 'This tab is not recording a walkthrough.');
}

/**
 * Where the helper edits the steps after "Finish": the thread view in a small window of its own
 * beside the page, not the toolbar popup, which would close again at the helper's next click in
 * the page (with what they were typing) and which the browser does not always let an extension
 * open. It is told the recorded tab, for "Record more steps". A tab where windows are not offered.
 */
export async function openEditorWindow(threadId: string, tabId: number): Promise<void> {
  const url = browser.runtime.getURL(
    threadPagePath(threadId).replace('/popup.html', `/popup.html?tabId=${tabId}`) as '/popup.html',
  );
  try {
    await browser.windows.create({ url, type: 'popup', width: 480, height: 760, focused: true });
  } catch {
    await browser.tabs.create({ url });
  }
}

/** `openEditor`: where the helper goes on after "Finish" (openEditorWindow, replaced in tests). */
export function recorderHandlers(
  db: BinomeDb,
  sender: Browser.runtime.MessageSender,
  openEditor: (threadId: string, tabId: number) => Promise<void> = openEditorWindow,
): RecorderToBackgroundHandlers {
  const tabId = recorderTabOf(sender);
  const recordingTab = async (type: string): Promise<number> => {
    if (tabId === null || !(await recordingInTab(db, tabId))) throw notRecording(sender, type);
    return tabId;
  };
  return {
    async 'recorder:hello'() {
      const state = await recordingState(db, await recordingTab('recorder:hello'));
      if (!state) throw notRecording(sender, 'recorder:hello');
      return { state, language: await messagesToHand(RECORDER_KEYS) };
    },
    async 'recorder:step'(message) {
      const tab = await recordingTab('recorder:step');
      const state = await appendStep(db, tab, makeStep(message));
      if (!state) throw notRecording(sender, 'recorder:step');
      return state;
    },
    async 'recorder:finish'() {
      const tab = await recordingTab('recorder:finish');
      const threadId = await stopRecordingInTab(db, tab);
      if (threadId) await openEditor(threadId, tab);
      return null;
    },
  };
}

/**
 * A recorded tab finished loading a new document: the recorder is put back if the browser
 * still lets Binôme into the page (activeTab survives a same-site load); else the recording
 * stops, and the draft keeps its steps and says why.
 */
export async function onRecordedTabLoaded(db: BinomeDb, tabId: number): Promise<void> {
  if (!(await recordingInTab(db, tabId))) return;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [RECORDER_SCRIPT] });
  } catch (error) {
    console.warn('Binôme could not go on recording after the page loaded again', error);
    await stopRecordingInTab(db, tabId, 'page-reloaded');
  }
}

export async function onRecordedTabClosed(db: BinomeDb, tabId: number): Promise<void> {
  await stopRecordingInTab(db, tabId, 'tab-closed');
}
