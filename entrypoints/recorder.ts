/**
 * The walkthrough recorder, injected on demand into the one tab the helper records in
 * (lib/walkthrough/recorder-start.ts, and again by the background after a same-site page load):
 *
 *   await browser.scripting.executeScript({ target: { tabId }, files: ['/recorder.js'] });
 *
 * It listens in the capture phase and never stops an event: the page's own action still
 * happens. It listens in the top document, in every same-origin frame (also those added or
 * navigated later) and in open shadow roots (lib/walkthrough/recorder-roots.ts); a step keeps
 * the frame and shadow-root path the player follows back. Cross-origin frames are skipped. A click becomes a step, typing into a field one "type your ⟨label⟩" step (the
 * value is never read: no `.value`, no key), a select or an option a "choose" step; password
 * and payment fields give no step at all (lib/walkthrough/recorder-fields.ts). Each gesture
 * goes to the background (lib/messaging/recorder-to-background.ts), which keeps the draft in
 * Dexie: the popup that started this closes when the helper clicks the page.
 *
 * A small bar in a shadow root shows the count and "Finish"; it moves to the other
 * edge when what the helper clicks or focuses lies under it.
 */
import { browser } from 'wxt/browser';
import { speakHanded, t, tCount } from '@/lib/i18n/i18n';
import type { BackgroundReply } from '@/lib/messaging/messaging';
import type {
  RecorderToBackgroundMessage,
  RecorderToBackgroundReply,
  RecordingState,
} from '@/lib/messaging/recorder-to-background';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import {
  gestureOfChange,
  gestureOfClick,
  isTextEntry,
  labelledControl,
  type RecordedGesture,
} from '@/lib/walkthrough/recorder-fields';
import { clampTarget } from '@/lib/walkthrough/recorder-step';
import { buildRecorderBar, type RecorderBar } from '@/lib/walkthrough/recorder-bar';
import { eventTarget, listenInAllRoots, type RecorderListeners } from '@/lib/walkthrough/recorder-roots';

/** One recorder per page: injecting again (after a same-document navigation) does nothing. */
const ACTIVE = '__binomeRecorder';
/** Called by the thread view's "Stop recording" (an injected function, in this same isolated world). */
const STOP = '__binomeRecorderStop';

type RecorderWindow = Window & { [ACTIVE]?: true; [STOP]?: () => void };

export default defineUnlistedScript({
  async main(): Promise<void> {
    const scope = window as RecorderWindow;
    if (scope[ACTIVE]) return;
    scope[ACTIVE] = true;
    try {
      const greeting = await send({ type: 'recorder:hello' });
      // The bar speaks the language chosen in Binôme's settings, not the browser's.
      speakHanded(greeting.language);
      startRecorder(scope, greeting.state);
    } catch (error) {
      // Not (or no longer) recording in this tab: leave the page as it was.
      delete scope[ACTIVE];
      console.debug('Binôme is not recording here', error);
    }
  },
});

async function send<M extends RecorderToBackgroundMessage>(message: M): Promise<RecorderToBackgroundReply<M['type']>> {
  const reply = (await browser.runtime.sendMessage(message)) as BackgroundReply<RecorderToBackgroundReply<M['type']>> | undefined;
  if (!reply?.ok) throw new Error(reply?.error.code ?? 'no_reply');
  return reply.value;
}

function startRecorder(scope: RecorderWindow, initial: RecordingState): void {
  const bar: RecorderBar = buildRecorderBar({
    title: t('recorder_bar_title'),
    finishLabel: t('recorder_finish'),
    onFinish: () => {
      stop();
      void send({ type: 'recorder:finish' }).catch((error: unknown) =>
        console.warn('Binôme could not finish the recording', error),
      );
    },
  });
  const show = (state: RecordingState) =>
    bar.setStatus(tCount('recorder_bar_count', state.count), state.full ? t('recorder_bar_full') : '');
  show(initial);

  /** The field a label's click was for: its own (second) click is the same gesture. */
  let labelFor: Element | null = null;
  /** The last field a `type` step was recorded for, until the helper moves to another. */
  let lastTyped: Element | null = null;
  let sending: Promise<void> = Promise.resolve();
  /** Editable regions typed into, recorded when the helper leaves them. */
  const editedRegions = new WeakSet<Element>();

  const record = (gesture: RecordedGesture) => {
    const target = clampTarget(describeStepTarget(gesture.element));
    const message: RecorderToBackgroundMessage = {
      type: 'recorder:step',
      action: gesture.action,
      target,
      choice: gesture.choice.slice(0, 200),
      url: location.href.slice(0, 8000),
    };
    // One after the other: the steps reach the draft in the order the helper made them.
    sending = sending
      .then(() => send(message))
      .then(show, (error: unknown) => {
        // The recording was stopped elsewhere (the thread view, another tab started one).
        console.warn('Binôme stopped recording', error);
        stop();
      });
  };

  /** The element used, inside open shadow roots and same-origin frames; null for the bar's own. */
  const hitOf = (event: Event): Element | null => (event.composedPath().includes(bar.host) ? null : eventTarget(event));

  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0) return;
    const hit = hitOf(event);
    if (!hit) return;
    bar.avoid(hit);
    if (labelFor && (hit === labelFor || labelFor.contains(hit))) {
      labelFor = null;
      return;
    }
    const gesture = gestureOfClick(hit);
    // The browser clicks a label's field right after the label, in the same task.
    labelFor = labelledControl(hit.closest('label') ?? hit);
    if (labelFor) setTimeout(() => (labelFor = null), 0);
    if (gesture) record(gesture);
  };

  const onChange = (event: Event) => {
    if (!event.isTrusted) return;
    const hit = hitOf(event);
    if (!hit) return;
    const gesture = gestureOfChange(hit);
    if (!gesture) return;
    if (gesture.action === 'type') {
      if (lastTyped === hit) return;
      lastTyped = hit;
    }
    record(gesture);
  };

  const onInput = (event: Event) => {
    const hit = hitOf(event);
    // Fields give a `change`; an editable region does not, so it is noted and recorded on leaving.
    if (hit && event.isTrusted && isTextEntry(hit) && hit.localName !== 'input' && hit.localName !== 'textarea') {
      editedRegions.add(hit);
    }
  };

  const onFocusIn = (event: FocusEvent) => {
    const hit = hitOf(event);
    if (!hit) return;
    bar.avoid(hit);
    if (hit !== lastTyped) lastTyped = null;
  };

  const onFocusOut = (event: FocusEvent) => {
    const hit = hitOf(event);
    if (!hit || !editedRegions.has(hit)) return;
    editedRegions.delete(hit);
    const gesture = gestureOfChange(hit);
    if (gesture && lastTyped !== hit) {
      lastTyped = hit;
      record(gesture);
    }
  };

  const listeners: RecorderListeners = [
    ['click', onClick as EventListener],
    ['change', onChange],
    ['input', onInput],
    ['focusin', onFocusIn as EventListener],
    ['focusout', onFocusOut as EventListener],
  ];
  // Capture and passive: the recorder sees the gesture before the page, and changes nothing of it;
  // in the top document, its same-origin frames and its open shadow roots (recorder-roots.ts).
  const unlisten = listenInAllRoots(document, listeners);

  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    unlisten();
    bar.remove();
    delete scope[ACTIVE];
    delete scope[STOP];
  }
  scope[STOP] = stop;
  bar.mount();
}
