/**
 * The bar shown in the page while Binôme records: a shadow root (open, as the picker's: it
 * holds nothing but a count and a button, and "Finish" takes only a person's click, never a
 * script's), styled through the CSSOM so that a page's Content-Security-Policy does
 * not stop it, in the top layer above the page's own popovers. It sits at the bottom right,
 * and goes to the top when what the helper clicks or focuses is under it, so it never covers
 * the page's controls for longer than a click.
 */
import { css, IN_PAGE_FONT as FONT, mountInTopLayer, styleBarButton } from '../platform/in-page-host';

const Z_TOP = '2147483647';

export interface RecorderBar {
  host: HTMLElement;
  mount(): void;
  remove(): void;
  /** The count, and a note under it ('' for none). */
  setStatus(count: string, note: string): void;
  /** Moves the bar off `element` if it covers it. */
  avoid(element: Element): void;
}

/** The element's box in the top window: inside a same-origin frame, shifted by each frame's place. */
function topRect(element: Element): { left: number; right: number; top: number; bottom: number } {
  const box = element.getBoundingClientRect();
  let { left, right, top, bottom } = box;
  let frame: Element | null = null;
  let view = element.ownerDocument?.defaultView ?? null;
  for (let depth = 0; view && depth < 8; depth++) {
    try {
      frame = view.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) break;
    const outer = frame.getBoundingClientRect();
    const dx = outer.left + frame.clientLeft;
    const dy = outer.top + frame.clientTop;
    left += dx;
    right += dx;
    top += dy;
    bottom += dy;
    view = frame.ownerDocument?.defaultView ?? null;
  }
  return { left, right, top, bottom };
}

export function buildRecorderBar(options: { title: string; finishLabel: string; onFinish(): void }): RecorderBar {
  const host = document.createElement('binome-recorder');
  css(host, {
    all: 'initial',
    position: 'fixed',
    right: '16px',
    bottom: '16px',
    top: 'auto',
    left: 'auto',
    margin: '0',
    padding: '0',
    border: '0',
    background: 'transparent',
    overflow: 'visible',
    'z-index': Z_TOP,
    display: 'block',
  });
  const root = host.attachShadow({ mode: 'open' });

  const bar = document.createElement('div');
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', options.title);
  css(bar, {
    'box-sizing': 'border-box',
    display: 'flex',
    'align-items': 'center',
    gap: '14px',
    'max-width': 'calc(100vw - 32px)',
    padding: '10px 12px 10px 16px',
    background: '#1b1b1b',
    color: '#fff',
    'border-radius': '10px',
    'box-shadow': '0 4px 24px rgba(0, 0, 0, 0.35)',
    font: `18px/1.35 ${FONT}`,
  });

  const dot = document.createElement('span');
  dot.setAttribute('aria-hidden', 'true');
  css(dot, { width: '14px', height: '14px', 'border-radius': '50%', background: '#ff4d4d', 'flex-shrink': '0' });

  const texts = document.createElement('div');
  const title = document.createElement('p');
  title.textContent = options.title;
  css(title, { margin: '0', 'font-weight': '600' });
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  css(status, { margin: '2px 0 0', 'font-size': '16px', color: '#e6e6e6' });
  const note = document.createElement('p');
  css(note, { margin: '2px 0 0', 'font-size': '16px', color: '#ffd27a', display: 'none' });
  texts.append(title, status, note);

  const finish = document.createElement('button');
  finish.type = 'button';
  finish.textContent = options.finishLabel;
  styleBarButton(finish, '8px 18px');
  finish.addEventListener('click', (event) => {
    if (event.isTrusted) options.onFinish();
  });

  bar.append(dot, texts, finish);
  root.append(bar);

  let atTop = false;
  return {
    host,
    mount() {
      mountInTopLayer(host);
    },
    remove() {
      host.remove();
    },
    setStatus(count, text) {
      status.textContent = count;
      note.textContent = text;
      css(note, { display: text ? 'block' : 'none' });
    },
    avoid(element) {
      const target = topRect(element);
      const mine = bar.getBoundingClientRect();
      const covers = target.left < mine.right && target.right > mine.left && target.top < mine.bottom && target.bottom > mine.top;
      if (!covers) return;
      atTop = !atTop;
      css(host, atTop ? { top: '16px', bottom: 'auto' } : { top: 'auto', bottom: '16px' });
    },
  };
}
