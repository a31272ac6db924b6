/**
 * The in-page ask panel's frame, put into the page by the background with
 * `scripting.executeScript({ func: mountAskPanel, args })` when the person asks: nothing
 * of Binôme is in a page before that. The function is serialised into the page's isolated
 * world, so it must not use anything from outside its own body.
 *
 * The panel itself is an extension page (ask-panel.html) in an iframe inside a closed
 * shadow root: the page's styles cannot reach the frame, and the page's scripts can read
 * neither what the person types nor the screenshot, which stay in the extension's origin.
 * The host is a manual popover, so it sits in the top layer above anything the page shows.
 *
 * It is injected hidden while the background is still taking the screenshot (a hidden
 * element is not painted, so it is not in the picture), and shown when the panel says it
 * is ready: the frame loads while the picture is taken instead of after.
 *
 * Host and frame talk only through a MessageChannel, never through the page's window: the
 * page's scripts share that window with this isolated world, so anything posted to it (or by
 * the frame to its parent) is theirs to read, with the extension's origin and a handle on the
 * frame. The host offers the channel to the frame's exact origin with a one-time secret that
 * the background gave both sides where the page cannot look (this function's arguments and
 * session storage); the frame takes only that offer (lib/ask/ask-panel-link.ts). The messages
 * both ways are declared in lib/messaging/panel-frame-and-host.ts and reach this function as `types`.
 */
import type { AskPanelMessages } from '../messaging/panel-frame-and-host';

export const ASK_PANEL_TAG = 'binome-ask-panel';

/**
 * Where the showing panel keeps its remover, on the isolated world's own `window` (invisible
 * to the page's scripts, unlike an event on the element): for a newer panel, or the background
 * when the ask went elsewhere. It returns the focus the panel was to give back.
 */
export const ASK_PANEL_REMOVE = 'binomeRemoveAskPanel';

export interface AskPanelMount {
  src: string;
  title: string;
  tag: string;
  removeKey: string;
  readyWithinMs: number;
  /** Where the frame's document may be: only a document there can receive the offer. */
  frameOrigins: string[];
  secret: string;
  types: AskPanelMessages;
}

export function mountAskPanel({ src, title, tag, removeKey, readyWithinMs, frameOrigins, secret, types }: AskPanelMount): void {
  const slots = window as unknown as Record<string, (() => HTMLElement | null) | undefined>;
  // A second ask on the same page replaces the first panel, and inherits the focus to give back.
  const replaced = slots[removeKey];
  const inherited = replaced ? replaced() : document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const previousFocus = inherited?.isConnected ? inherited : null;
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.title = title;
  frame.setAttribute('allow', '');
  const style = document.createElement('style');
  style.textContent = `iframe { display: block; width: 100%; height: 100%; border: 0; background: #fff; color-scheme: light; }`;
  shadow.append(style, frame);
  // Inline !important wins over any rule of the page, even its own !important ones.
  const place: Record<string, string> = {
    all: 'initial',
    position: 'fixed',
    inset: '12px 12px auto auto',
    width: 'min(420px, calc(100vw - 24px))',
    height: 'min(720px, calc(100vh - 24px))',
    margin: '0',
    padding: '0',
    border: '0',
    'border-radius': '12px',
    overflow: 'hidden',
    background: '#fff',
    'box-shadow': '0 8px 32px rgba(0,0,0,.35)',
    'z-index': '2147483647',
    display: 'block',
    visibility: 'hidden',
    opacity: '1',
  };
  for (const [property, value] of Object.entries(place)) host.style.setProperty(property, value, 'important');
  host.setAttribute('popover', 'manual');

  // One channel per possible origin of the frame (the same origin twice makes one).
  const channels = [...new Set(frameOrigins)].map((origin) => ({ origin, channel: new MessageChannel() }));
  const remove = () => {
    clearTimeout(neverReady);
    for (const { channel } of channels) channel.port1.close();
    if (slots[removeKey] === removeForNext) delete slots[removeKey];
    host.remove();
  };
  const removeForNext = () => {
    remove();
    return previousFocus;
  };
  const close = () => {
    remove();
    // The focused frame is gone: without this the keyboard goes nowhere (arrows do not scroll).
    window.focus();
    previousFocus?.focus();
  };
  // A frame that never loads (a page's policy, a crash) must not leave an invisible box behind.
  const neverReady = setTimeout(remove, readyWithinMs);
  const onPanelMessage = (event: MessageEvent) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    // Its document going means another one comes where the person was typing: never theirs to type into.
    if (type === types.close || type === types.leaving) close();
    if (type === types.ready) {
      clearTimeout(neverReady);
      host.style.setProperty('visibility', 'visible', 'important');
      frame.focus();
    }
  };
  for (const { channel } of channels) channel.port1.onmessage = onPanelMessage;
  let loads = 0;
  frame.addEventListener('load', () => {
    // A second document in the frame is not Binôme's panel, whoever put it there.
    if (++loads > 1) return close();
    // Delivered only if the document at that moment is at that origin: never to one the page put there.
    for (const { origin, channel } of channels) {
      frame.contentWindow?.postMessage({ type: types.channel, secret }, origin, [channel.port2]);
    }
  });
  slots[removeKey] = removeForNext;
  document.documentElement.append(host);
  try {
    host.showPopover();
  } catch {
    // Older engines without popovers: the fixed position and z-index still show it.
  }
}
