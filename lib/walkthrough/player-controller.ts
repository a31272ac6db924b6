/**
 * The player at work in the page: looks for each step's element (waiting for late elements and
 * single-page navigation, up to LOOK_TIMEOUT_MS), outlines it and follows it through scroll,
 * resize and re-layout, listens for the person using it, and draws the card for each state of
 * player-state.ts. Every decision is that module's; this one only does what the state says.
 * The page removing the outlined element is an event ("gone"), never an error.
 */
import { t } from '../i18n/i18n';
import { canTell, initialState, nextState, type PlayerEvent, type PlayerState } from './player-state';
import {
  createPlayerView,
  type Box,
  type CardContent,
  type PlayerAction,
  type PlayerButton,
  type PlayerView,
} from './player-view';
import type { StepTarget, Walkthrough, WalkthroughStep } from './schema';
import { stepCaption, targetName } from './step-words';

import type { Resolution } from './resolve';

export type FindStep = (
  target: StepTarget,
  document: Document,
  options: { timeoutMs: number; signal: AbortSignal },
) => Promise<Resolution>;

/** How long a step's element is waited for before "I can't find ⟨name⟩ here". */
export const LOOK_TIMEOUT_MS = 10_000;

export interface PlayerOptions {
  walkthrough: Walkthrough;
  helperName: string;
  find: FindStep;
  /** Sends "step ⟨n⟩ (1-based) was not found" to the helper; rejects when it could not be queued. */
  tellHelper(step: number): Promise<void>;
  onClosed(): void;
  /** For tests: the view to draw into. */
  view?: (onAction: (action: PlayerAction) => void) => PlayerView;
}

export interface RunningPlayer {
  state(): PlayerState;
  dispatch(event: PlayerEvent): void;
  close(): void;
}

/** The element's box in the top window's viewport, adding the offsets of the same-origin frames it sits in. */
export function boxInTopWindow(element: Element): Box {
  const rect = element.getBoundingClientRect();
  let left = rect.left;
  let top = rect.top;
  let view: Window | null = element.ownerDocument.defaultView;
  while (view && view !== window && view.frameElement) {
    const frame = view.frameElement as HTMLElement;
    const frameRect = frame.getBoundingClientRect();
    left += frameRect.left + frame.clientLeft;
    top += frameRect.top + frame.clientTop;
    view = view.parent;
  }
  return { left, top, width: rect.width, height: rect.height };
}

function isInView(box: Box): boolean {
  return box.top >= 0 && box.left >= 0 && box.top + box.height <= window.innerHeight && box.left + box.width <= window.innerWidth;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=""], [contenteditable="true"]';

/**
 * Calls `used` when the person does the step's action on `element` (trusted events only: the
 * page's own scripts do not move the walkthrough on). A `type` step moves on when the field is
 * left after typing (change), so the outline does not jump away at the first letter.
 */
function listenForUse(element: Element, action: WalkthroughStep['action'], used: () => void): () => void {
  let typed = false;
  let fired = false;
  const fire = (event: Event) => {
    // Once (leaving a field fires both change and focusout), and after the page has handled it:
    // its reaction (a menu, a new view) is what the next step looks for.
    if (!event.isTrusted || fired) return;
    fired = true;
    setTimeout(used, 0);
  };
  const handlers: Array<[string, EventListener]> = [];
  if (action === 'type') {
    handlers.push(['input', () => (typed = true)], ['change', fire], ['focusout', (event) => typed && fire(event)]);
  } else if (action === 'choose' && element.matches('select, input')) {
    handlers.push(['change', fire]);
  } else {
    handlers.push(['click', fire]);
  }
  for (const [type, handler] of handlers) element.addEventListener(type, handler, true);
  return () => {
    for (const [type, handler] of handlers) element.removeEventListener(type, handler, true);
  };
}

export function runPlayer(options: PlayerOptions): RunningPlayer {
  const { walkthrough } = options;
  const total = walkthrough.steps.length;
  let state = initialState();
  let element: Element | null = null;
  let looking: AbortController | null = null;
  let tracked: Element | null = null;
  let frame = 0;
  let stopListening: (() => void) | null = null;
  let tellFailed = false;
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  const stepAt = (index: number) => walkthrough.steps[Math.min(index, total - 1)]!;

  const stopHighlight = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    stopListening?.();
    stopListening = null;
    tracked = null;
    view.outline(null);
  };

  const follow = () => {
    frame = 0;
    if (!tracked) return;
    if (!tracked.isConnected) {
      dispatch({ type: 'gone' });
      return;
    }
    view.outline(boxInTopWindow(tracked));
    frame = requestAnimationFrame(follow);
  };

  const highlight = (target: Element) => {
    if (tracked === target) return;
    stopHighlight();
    tracked = target;
    if (!isInView(boxInTopWindow(target))) {
      target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reducedMotion ? 'auto' : 'smooth' });
    }
    stopListening = listenForUse(target, stepAt(state.step).action, () => dispatch({ type: 'used' }));
    follow();
  };

  const look = (index: number) => {
    looking?.abort();
    const controller = new AbortController();
    looking = controller;
    element = null;
    options.find(stepAt(index).target, document, { timeoutMs: LOOK_TIMEOUT_MS, signal: controller.signal }).then(
      (found) => {
        if (controller.signal.aborted) return;
        if (found.kind === 'missing') {
          dispatch({ type: 'not-found' });
          return;
        }
        element = found.element;
        dispatch({ type: 'found', sure: found.kind === 'sure' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('Binôme could not look for the step', error);
        dispatch({ type: 'not-found' });
      },
    );
  };

  const content = (): Omit<CardContent, 'label'> => {
    const closeButton: PlayerButton = { action: 'close', label: t('player_close') };
    if (state.phase === 'done') {
      return {
        title: t('player_done_title'),
        caption: t('player_done_text'),
        status: '',
        buttons: [
          closeButton,
          { action: 'back', label: t('player_back') },
          { action: 'close', label: t('player_done_close'), primary: true },
        ],
      };
    }
    const step = stepAt(state.step);
    const name = targetName(step.target);
    const back: PlayerButton[] = state.step > 0 ? [{ action: 'back', label: t('player_back') }] : [];
    const last = state.step === total - 1;
    const next = (primary: boolean): PlayerButton => ({
      action: 'next',
      label: last ? t('player_finish') : t('player_next'),
      primary,
    });
    const base = { title: t('player_step_of', [String(state.step + 1), String(total)]), caption: stepCaption(step) };
    switch (state.phase) {
      case 'looking':
        return { ...base, status: t('player_looking', name), buttons: [closeButton, ...back, next(false)] };
      case 'showing': {
        const hint =
          step.action === 'type' ? 'player_hint_type' : step.action === 'choose' ? 'player_hint_choose' : 'player_hint_click';
        return {
          ...base,
          status: t(hint),
          buttons: [closeButton, ...back, { action: 'go', label: t('player_go_there') }, next(true)],
        };
      }
      case 'asking':
        return {
          ...base,
          status: t('player_is_this_it', name),
          buttons: [
            closeButton,
            ...back,
            { action: 'no', label: t('player_no') },
            { action: 'yes', label: t('player_yes'), primary: true },
          ],
        };
      default: {
        const told = state.told.includes(state.step);
        const status = [
          t('player_missing', name),
          told
            ? t('player_told', options.helperName)
            : tellFailed
              ? t('player_tell_failed', options.helperName)
              : t('player_missing_hint'),
        ].join(' ');
        const tell: PlayerButton[] = canTell(state)
          ? [{ action: 'tell', label: t('player_tell', options.helperName), primary: true }]
          : [];
        return { ...base, status, buttons: [closeButton, ...back, ...tell, next(!tell.length)] };
      }
    }
  };

  const render = () => view.render({ ...content(), label: t('player_label') });

  function dispatch(event: PlayerEvent): void {
    const before = state;
    state = nextState(state, event, total);
    if (state === before) return;
    if (state.phase === 'closed') {
      teardown();
      return;
    }
    if (state.step !== before.step) tellFailed = false;
    if (state.phase === 'looking') {
      stopHighlight();
      look(state.step);
    } else if ((state.phase === 'showing' || state.phase === 'asking') && element) {
      highlight(element);
    } else {
      stopHighlight();
    }
    render();
    // A step reached by acting on the page is read out without taking the focus from the page.
    if (state.step !== before.step || (state.phase === 'done') !== (before.phase === 'done')) {
      const shown = content();
      view.announce(`${shown.title}. ${shown.caption}`);
    }
  }

  const onAction = (action: PlayerAction) => {
    switch (action) {
      case 'go':
        if (tracked?.matches(FOCUSABLE)) (tracked as HTMLElement).focus();
        else tracked?.scrollIntoView({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
        return;
      case 'tell': {
        const step = state.step;
        tellFailed = false;
        options.tellHelper(step + 1).then(
          () => {
            if (state.step === step) dispatch({ type: 'told' });
          },
          (error: unknown) => {
            console.warn('Binôme could not tell the helper', error);
            tellFailed = true;
            if (state.step === step && state.phase === 'missing') render();
          },
        );
        return;
      }
      default:
        dispatch({ type: action });
    }
  };

  let closed = false;
  function teardown(): void {
    if (closed) return;
    closed = true;
    looking?.abort();
    stopHighlight();
    view.destroy();
    options.onClosed();
  }

  const view = (options.view ?? createPlayerView)(onAction);
  render();
  view.focusCard();
  look(0);

  return {
    state: () => state,
    dispatch,
    close: () => dispatch({ type: 'close' }),
  };
}
