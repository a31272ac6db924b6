/**
 * The player at work, against a page (linkedom) and a recording view: it moves on when the
 * person uses the outlined element (a trusted click, or leaving a field typed in), not for the
 * page's own synthetic events; it looks again when the page removes the element; "Tell" reaches
 * the helper once; Close removes everything and stops looking.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Resolution } from '@/lib/walkthrough/resolve';
import { type FindStep, runPlayer } from '@/lib/walkthrough/player-controller';
import type { CardContent, PlayerAction, PlayerView } from '@/lib/walkthrough/player-view';
import { speak } from '../helpers/i18n';
import { sampleStep, sampleWalkthrough } from './sample';

let document: Document;
let cards: CardContent[];
let destroyed: boolean;
let act: (action: PlayerAction) => void;

function recordingView(onAction: (action: PlayerAction) => void): PlayerView {
  act = onAction;
  return {
    host: document.createElement('binome-player'),
    render: (content) => cards.push(content),
    outline: () => undefined,
    announce: () => undefined,
    focusCard: () => undefined,
    destroy: () => {
      destroyed = true;
    },
  };
}

const lastCard = () => cards.at(-1)!;

function trusted(type: string): Event {
  const event = new (document.defaultView as unknown as typeof globalThis).Event(type, { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** A find that answers each look from `answers` in turn (the last one again after). */
function finder(answers: Array<() => Resolution>): FindStep & { calls: number; signals: AbortSignal[] } {
  const find = Object.assign(
    async (_target: unknown, _document: Document, options: { signal: AbortSignal }) => {
      find.signals.push(options.signal);
      const answer = answers[Math.min(find.calls++, answers.length - 1)]!;
      return answer();
    },
    { calls: 0, signals: [] as AbortSignal[] },
  );
  return find as never;
}

beforeEach(() => {
  ({ document } = parseHTML(
    '<!doctype html><html><body><button id="save">Save</button><input id="name"></body></html>',
  ) as unknown as {
    document: Document;
  });
  const view = document.defaultView as unknown as Window & typeof globalThis;
  Object.assign(globalThis, { window: view, document, requestAnimationFrame: () => 0, cancelAnimationFrame: () => undefined });
  view.HTMLElement.prototype.scrollIntoView = () => undefined;
  view.HTMLElement.prototype.getBoundingClientRect = () => ({ left: 0, top: 0, width: 10, height: 10 }) as DOMRect;
  Object.assign(view, { innerWidth: 1000, innerHeight: 800 });
  cards = [];
  destroyed = false;
  speak('en');
});

afterEach(() => {
  vi.useRealTimers();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the running player', () => {
  it('moves on when the person clicks the outlined element, not on a click the page makes', async () => {
    const save = document.getElementById('save')!;
    const find = finder([() => ({ kind: 'sure', element: save, score: 10 })]);
    const player = runPlayer({
      walkthrough: sampleWalkthrough(2),
      helperName: 'Hugo',
      find,
      tellHelper: vi.fn(),
      onClosed: vi.fn(),
      view: recordingView,
    });
    await settle();
    expect(player.state()).toMatchObject({ phase: 'showing', step: 0 });
    save.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('click'));
    await settle();
    expect(player.state()).toMatchObject({ phase: 'showing', step: 0 });
    save.dispatchEvent(trusted('click'));
    await settle();
    expect(player.state()).toMatchObject({ step: 1 });
    expect(find.calls).toBe(2);
  });

  it('a typing step moves on when the field is left after typing, not at the first letter', async () => {
    const field = document.getElementById('name')!;
    const walkthrough = { ...sampleWalkthrough(2), steps: [sampleStep({ action: 'type' }), sampleStep()] };
    const player = runPlayer({
      walkthrough,
      helperName: 'Hugo',
      find: finder([() => ({ kind: 'sure', element: field, score: 10 })]),
      tellHelper: vi.fn(),
      onClosed: vi.fn(),
      view: recordingView,
    });
    await settle();
    field.dispatchEvent(trusted('input'));
    await settle();
    expect(player.state().step).toBe(0);
    field.dispatchEvent(trusted('focusout'));
    await settle();
    expect(player.state().step).toBe(1);
  });

  it('looks again, without throwing, when the page removes the outlined element', async () => {
    const save = document.getElementById('save')!;
    let frame: (() => void) | null = null;
    Object.assign(globalThis, {
      requestAnimationFrame: (callback: () => void) => {
        frame = callback;
        return 1;
      },
    });
    const find = finder([() => ({ kind: 'sure', element: save, score: 10 }), () => ({ kind: 'missing' })]);
    const player = runPlayer({
      walkthrough: sampleWalkthrough(2),
      helperName: 'Hugo',
      find,
      tellHelper: vi.fn(),
      onClosed: vi.fn(),
      view: recordingView,
    });
    await settle();
    expect(player.state().phase).toBe('showing');
    save.remove();
    (frame as unknown as () => void)();
    await settle();
    expect(find.calls).toBe(2);
    expect(player.state()).toMatchObject({ phase: 'missing', step: 0 });
    expect(lastCard().status).toContain('I can’t find “Save” here.');
  });

  it('"Tell" sends the 1-based step once, then says the helper was told; a failure says so and offers it again', async () => {
    const tellHelper = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const player = runPlayer({
      walkthrough: sampleWalkthrough(3),
      helperName: 'Hugo',
      find: finder([() => ({ kind: 'missing' })]),
      tellHelper,
      onClosed: vi.fn(),
      view: recordingView,
    });
    act('next');
    act('next');
    await settle();
    expect(player.state()).toMatchObject({ phase: 'missing', step: 2 });
    act('tell');
    await settle();
    expect(lastCard().status).toContain('The note to Hugo could not be sent.');
    expect(lastCard().buttons.map((button) => button.action)).toContain('tell');
    act('tell');
    await settle();
    expect(tellHelper.mock.calls).toEqual([[3], [3]]);
    expect(player.state().told).toEqual([2]);
    expect(lastCard().buttons.map((button) => button.action)).not.toContain('tell');
  });

  it('Close removes the view, stops looking and says it closed', async () => {
    const onClosed = vi.fn();
    const find = finder([() => ({ kind: 'missing' })]);
    const player = runPlayer({
      walkthrough: sampleWalkthrough(2),
      helperName: 'Hugo',
      find,
      tellHelper: vi.fn(),
      onClosed,
      view: recordingView,
    });
    act('close');
    expect(destroyed).toBe(true);
    expect(onClosed).toHaveBeenCalledOnce();
    expect(find.signals[0]?.aborted).toBe(true);
    expect(player.state().phase).toBe('closed');
  });
});
