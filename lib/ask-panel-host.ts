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
 */

/** What the panel posts to its host when the person closes it (Esc, Cancel, Close). */
export const ASK_PANEL_CLOSE = 'binome:close-ask-panel';
/** What the panel posts once it has drawn the form: the host shows it then. */
export const ASK_PANEL_READY = 'binome:ask-panel-ready';
export const ASK_PANEL_TAG = 'binome-ask-panel';

/** Sent to a panel's host to remove it: by a newer panel, or by the background when the ask went elsewhere. */
export const ASK_PANEL_REMOVE = 'binome-remove-ask-panel';

export function mountAskPanel(
  src: string,
  title: string,
  tag: string,
  closeType: string,
  readyType: string,
  removeType: string,
  readyWithinMs: number,
  /** The frame's own origin: the static extension id, where `src` may use the per-session one. */
  frameOrigins: string[],
): void {
  // A second ask on the same page replaces the first panel, and inherits the focus to give back.
  const replaced: { previousFocus: HTMLElement | null } = {
    previousFocus: document.activeElement instanceof HTMLElement ? document.activeElement : null,
  };
  document.querySelector(tag)?.dispatchEvent(new CustomEvent(removeType, { detail: replaced }));
  const previousFocus = replaced.previousFocus?.isConnected ? replaced.previousFocus : null;
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
    all: 'initial', position: 'fixed', inset: '12px 12px auto auto', width: 'min(420px, calc(100vw - 24px))',
    height: 'min(720px, calc(100vh - 24px))', margin: '0', padding: '0', border: '0', 'border-radius': '12px',
    overflow: 'hidden', background: '#fff', 'box-shadow': '0 8px 32px rgba(0,0,0,.35)', 'z-index': '2147483647',
    display: 'block', visibility: 'hidden', opacity: '1',
  };
  for (const [property, value] of Object.entries(place)) host.style.setProperty(property, value, 'important');
  host.setAttribute('popover', 'manual');

  const remove = () => {
    clearTimeout(neverReady);
    window.removeEventListener('message', onMessage);
    host.remove();
  };
  const close = () => {
    remove();
    // The focused frame is gone: without this the keyboard goes nowhere (arrows do not scroll).
    window.focus();
    previousFocus?.focus();
  };
  // A frame that never loads (a page's policy, a crash) must not leave an invisible box behind.
  const neverReady = setTimeout(remove, readyWithinMs);
  // Only the panel's own frame, still at Binôme's address, may show or close it: the page can
  // forge neither `event.source` nor `event.origin`.
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || !frameOrigins.includes(event.origin)) return;
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === closeType) close();
    if (type === readyType) {
      clearTimeout(neverReady);
      host.style.setProperty('visibility', 'visible', 'important');
      frame.focus();
    }
  };
  window.addEventListener('message', onMessage);
  host.addEventListener(removeType, (event) => {
    // Whoever replaces this panel gives the focus back to what had it before this one.
    const detail = (event as CustomEvent<{ previousFocus: HTMLElement | null } | null>).detail;
    if (detail) detail.previousFocus = previousFocus;
    remove();
  });
  document.documentElement.append(host);
  try {
    host.showPopover();
  } catch {
    // Older engines without popovers: the fixed position and z-index still show it.
  }
}
