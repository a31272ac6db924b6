/**
 * The injected host (lib/ask/ask-panel-host.ts) in a small document (linkedom): what it offers the
 * frame, where, and what it does with what arrives on the channel, the page's window or its element.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ASK_PANEL_REMOVE, ASK_PANEL_TAG, mountAskPanel, type AskPanelMount } from '@/lib/ask/ask-panel-host';
import { HOST_TO_PANEL_FRAME, PANEL_FRAME_TO_HOST } from '@/lib/messaging/panel-frame-and-host';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const SECRET = '0123456789abcdef0123456789abcdef';

interface Offer {
  data: unknown;
  origin: string;
  ports: MessagePort[];
}

let page: { document: Document; window: EventTarget & { focus: ReturnType<typeof vi.fn> } & Record<string, unknown> };
let frames: { element: HTMLIFrameElement; offers: Offer[]; focus: ReturnType<typeof vi.fn> }[];
let active: Element | null;
/** linkedom's own events: its elements do not take Node's. */
let dom: { Event: typeof Event; CustomEvent: typeof CustomEvent };
const ports: MessagePort[] = [];

function mount(changes: Partial<AskPanelMount> = {}): void {
  mountAskPanel({
    src: `${EXTENSION}/ask-panel.html?ask=1`,
    title: 'Ask my buddy',
    tag: ASK_PANEL_TAG,
    removeKey: ASK_PANEL_REMOVE,
    readyWithinMs: 60_000,
    frameOrigins: [EXTENSION, EXTENSION],
    secret: SECRET,
    types: {
      channel: HOST_TO_PANEL_FRAME.channel,
      ready: PANEL_FRAME_TO_HOST.ready,
      close: PANEL_FRAME_TO_HOST.close,
      leaving: PANEL_FRAME_TO_HOST.leaving,
    },
    ...changes,
  });
}

const panel = () => page.document.querySelector(ASK_PANEL_TAG) as HTMLElement | null;
const shown = () => panel()?.style.getPropertyValue('visibility') === 'visible';
const load = (index = 0) => frames[index]!.element.dispatchEvent(new dom.Event('load'));

/** The port the frame got with the host's first offer. */
function hostPort(index = 0): MessagePort {
  const port = frames[index]!.offers[0]!.ports[0]!;
  ports.push(port);
  return port;
}

beforeEach(() => {
  const { document, HTMLElement, Event, CustomEvent } = parseHTML(
    '<!doctype html><html><head></head><body><button id="save">Save</button></body></html>',
  );
  dom = { Event, CustomEvent };
  frames = [];
  active = document.getElementById('save');
  Object.defineProperty(document, 'activeElement', { get: () => active });
  const createElement = document.createElement.bind(document);
  document.createElement = ((name: string) => {
    const element = createElement(name);
    if (name === 'iframe') {
      const frame = { element: element as HTMLIFrameElement, offers: [] as Offer[], focus: vi.fn() };
      const contentWindow = {
        postMessage: (data: unknown, origin: string, transfer: MessagePort[] = []) =>
          frame.offers.push({ data, origin, ports: transfer }),
      };
      Object.defineProperty(element, 'contentWindow', { get: () => contentWindow });
      element.focus = frame.focus;
      frames.push(frame);
    }
    return element;
  }) as typeof document.createElement;
  page = { document, window: Object.assign(new EventTarget(), { focus: vi.fn() }) as never };
  vi.stubGlobal('document', document);
  vi.stubGlobal('window', page.window);
  vi.stubGlobal('HTMLElement', HTMLElement);
});

afterEach(() => {
  (page.window[ASK_PANEL_REMOVE] as (() => void) | undefined)?.();
  for (const port of ports.splice(0)) port.close();
  vi.unstubAllGlobals();
});

describe('mountAskPanel', () => {
  it('offers the channel once the frame has loaded, to its exact origin only, with the secret', () => {
    mount({ frameOrigins: [EXTENSION, EXTENSION, 'chrome-extension://static'] });
    expect(panel()).not.toBeNull();
    expect(shown()).toBe(false);
    expect(frames[0]!.offers).toEqual([]);
    load();
    expect(frames[0]!.offers).toEqual([
      { data: { type: HOST_TO_PANEL_FRAME.channel, secret: SECRET }, origin: EXTENSION, ports: [expect.any(Object)] },
      {
        data: { type: HOST_TO_PANEL_FRAME.channel, secret: SECRET },
        origin: 'chrome-extension://static',
        ports: [expect.any(Object)],
      },
    ]);
    ports.push(...frames[0]!.offers.flatMap((offer) => offer.ports));
  });

  it('shows the panel and gives it the keyboard when the frame says ready on the channel', async () => {
    mount();
    load();
    hostPort().postMessage({ type: PANEL_FRAME_TO_HOST.ready });
    await vi.waitFor(() => expect(shown()).toBe(true));
    expect(frames[0]!.focus).toHaveBeenCalled();
  });

  it('closes when the frame says so on the channel, giving the focus back', async () => {
    mount();
    load();
    hostPort().postMessage({ type: PANEL_FRAME_TO_HOST.close });
    await vi.waitFor(() => expect(panel()).toBeNull());
    expect(page.window.focus).toHaveBeenCalled();
  });

  it('is removed at once when the frame loads a second document, and offers it nothing', () => {
    mount();
    load();
    ports.push(...frames[0]!.offers[0]!.ports);
    load();
    expect(panel()).toBeNull();
    expect(frames[0]!.offers).toHaveLength(1);
  });

  it('is removed when the frame says its document is going', async () => {
    mount();
    load();
    hostPort().postMessage({ type: PANEL_FRAME_TO_HOST.leaving });
    await vi.waitFor(() => expect(panel()).toBeNull());
  });

  it("ignores ready and close posted to the page's window or dispatched on its element", () => {
    mount();
    load();
    ports.push(...frames[0]!.offers.flatMap((offer) => offer.ports));
    const fromFrame = frames[0]!.element.contentWindow;
    for (const type of [PANEL_FRAME_TO_HOST.ready, PANEL_FRAME_TO_HOST.close]) {
      page.window.dispatchEvent(Object.assign(new Event('message'), { data: { type }, origin: EXTENSION, source: fromFrame }));
    }
    panel()!.dispatchEvent(new dom.CustomEvent('binome-remove-ask-panel'));
    panel()!.dispatchEvent(new dom.CustomEvent(ASK_PANEL_REMOVE));
    // Both are dispatched synchronously: a listener would have acted by now.
    expect(panel()).not.toBeNull();
    expect(shown()).toBe(false);
  });

  it('removes itself, unseen, when the frame never says ready', async () => {
    mount({ readyWithinMs: 5 });
    load();
    ports.push(...frames[0]!.offers[0]!.ports);
    await vi.waitFor(() => expect(panel()).toBeNull());
  });

  it('replaces an earlier panel, which hands over the focus to give back', async () => {
    mount();
    const saved = active;
    active = page.document.body;
    mount();
    expect(page.document.querySelectorAll(ASK_PANEL_TAG)).toHaveLength(1);
    const focusBack = vi.spyOn(saved as HTMLElement, 'focus');
    load(1);
    hostPort(1).postMessage({ type: PANEL_FRAME_TO_HOST.close });
    await vi.waitFor(() => expect(panel()).toBeNull());
    expect(focusBack).toHaveBeenCalled();
  });
});
