/**
 * The element picker, injected on demand into the tab the person asked about:
 *
 *   const [{ result }] = await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
 *   // after its words in the chosen language (lib/ask/picker-start.ts)
 *   // result: PickerResult (lib/messaging/picker-to-background.ts), once the person picked or cancelled
 *
 * A full-page overlay in a shadow root, in the top layer (a manual popover) and at the
 * highest z-index, takes the pointer: the element under it is outlined by a box drawn in
 * the shadow root (the page's styles are never touched); a click picks it and the page
 * never gets that click. Keyboard: Tab / Shift+Tab or the arrow keys move the outline
 * between the visible elements one can name, Enter picks, Esc cancels. Afterwards
 * everything added (elements, listeners, the global below) is gone, and the page has been
 * repainted without the overlay, so a captureVisibleTab right after shows the page alone.
 *
 * The result is also sent with runtime.sendMessage (same object), because a popup that
 * started the picker closes as soon as the person clicks the page.
 */
import { browser } from 'wxt/browser';
import { accessibleName, describeElement } from '@/lib/capture/element-description';
import type { PickerResult } from '@/lib/messaging/picker-to-background';
import { PICKER_WORDS } from '@/lib/ask/picker-words';
import { speakHanded, t, type HandedMessages } from '@/lib/i18n/i18n';
import { createInPageHost, css, mountInTopLayer, styleBarButton, VISUALLY_HIDDEN } from '@/lib/platform/in-page-host';

/** One picker per page: a second injection while one runs gets the same answer. */
const ACTIVE = '__binomePicker';

type PickerWindow = Window & { [ACTIVE]?: Promise<PickerResult>; [PICKER_WORDS]?: HandedMessages };

export default defineUnlistedScript({
  main(): Promise<PickerResult> {
    const scope = window as PickerWindow;
    const running = scope[ACTIVE];
    if (running) return running;
    // Left here by lib/ask/picker-start.ts: the language chosen in Binôme's settings, not the browser's.
    speakHanded(scope[PICKER_WORDS] ?? null);
    delete scope[PICKER_WORDS];
    const picking = runPicker().finally(() => {
      delete scope[ACTIVE];
    });
    scope[ACTIVE] = picking;
    return picking;
  },
});

const ACCENT = '#e4007c';
/** What Tab and the arrow keys move between: things a person would point at by name. */
const KEYBOARD_TARGETS = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'label',
  'img',
  'svg[role="img"]',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'th',
  'td',
  '[role]:not([role="presentation"]):not([role="none"]):not([role="generic"])',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable=""]',
  '[contenteditable="true"]',
].join(', ');
/** Events that must not reach the page while the overlay is up. */
const POINTER_EVENTS = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
] as const;
const TOUCH_EVENTS = ['touchstart', 'touchend', 'touchmove'] as const;
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

function runPicker(): Promise<PickerResult> {
  return new Promise<PickerResult>((resolve) => {
    const previousFocus = document.activeElement as HTMLElement | null;
    const ui = buildUi();
    let current: Element | null = null;
    let pendingMove: { x: number; y: number } | null = null;
    let frame = 0;
    let finished = false;

    const elementAt = (x: number, y: number): Element | null => {
      for (const element of document.elementsFromPoint(x, y)) {
        if (element !== ui.host && !ui.host.contains(element)) return element;
      }
      return null;
    };

    const highlight = (element: Element | null, announce: boolean) => {
      current = element;
      ui.show(element);
      if (announce && element) {
        ui.announce(t('picker_highlighted', accessibleName(element).slice(0, 120) || element.localName));
      }
    };

    /** `endingKey`: the key that ended the pick, whose release the page must not get either. */
    const finish = (result: PickerResult, endingKey?: string) => {
      if (finished) return;
      finished = true;
      cancelAnimationFrame(frame);
      for (const [type, listener, options] of listeners) window.removeEventListener(type, listener, options);
      const released = endingKey ? swallowKeyUp(endingKey) : Promise.resolve();
      ui.remove();
      if (previousFocus?.isConnected && typeof previousFocus.focus === 'function') {
        previousFocus.focus({ preventScroll: true });
      }
      void Promise.all([released, afterRepaint()]).then(() => {
        resolve(result);
        browser.runtime.sendMessage(result).catch(() => {
          // Nobody listens: the caller has the script's result.
        });
      });
    };

    const pick = (element: Element | null, endingKey?: string) => {
      if (!element) return;
      finish({ type: 'content:element-picked', description: describeElement(element) }, endingKey);
    };
    const cancel = (endingKey?: string) => finish({ type: 'content:pick-cancelled' }, endingKey);

    const onPointerMove = (event: PointerEvent | MouseEvent) => {
      if (!event.isTrusted || ui.inBanner(event)) return;
      pendingMove = { x: event.clientX, y: event.clientY };
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!pendingMove || finished) return;
        const element = elementAt(pendingMove.x, pendingMove.y);
        if (element !== current) highlight(element, false);
      });
    };

    const onPointer = (event: Event) => {
      // The page never sees the gesture. preventDefault on a touch event would also cancel
      // the click that picks: touches are only kept from the page.
      event.stopImmediatePropagation();
      if (event.type.startsWith('touch')) return;
      event.preventDefault();
      if (!event.isTrusted || event.type !== 'click') return;
      const mouse = event as MouseEvent;
      if (ui.inBanner(event)) {
        if (ui.isCancel(event)) cancel();
        return;
      }
      if (mouse.button !== 0) return;
      pick(elementAt(mouse.clientX, mouse.clientY));
    };

    const onKey = (event: KeyboardEvent) => {
      // Keys go to the picker, not to the page's shortcuts; the browser's own still work.
      event.stopImmediatePropagation();
      if (!event.isTrusted || event.type !== 'keydown') {
        if (isPickerKey(event)) event.preventDefault();
        return;
      }
      const onCancelButton = ui.isCancel(event);
      switch (event.key) {
        case 'Escape':
          event.preventDefault();
          cancel(event.key);
          return;
        case 'Enter':
        case ' ':
          event.preventDefault();
          if (onCancelButton) cancel(event.key);
          else pick(current, event.key);
          return;
        case 'Tab':
          event.preventDefault();
          highlight(step(current, event.shiftKey ? -1 : 1), true);
          return;
        case 'ArrowDown':
        case 'ArrowRight':
          event.preventDefault();
          highlight(step(current, 1), true);
          return;
        case 'ArrowUp':
        case 'ArrowLeft':
          event.preventDefault();
          highlight(step(current, -1), true);
          return;
        default:
          return;
      }
    };

    const onViewportChange = () => {
      if (current && !finished) ui.show(current);
    };

    const listeners: Array<[string, EventListener, AddEventListenerOptions]> = [
      ['pointermove', onPointerMove as EventListener, { capture: true }],
      ['mousemove', onPointerMove as EventListener, { capture: true }],
      ...POINTER_EVENTS.map((type): [string, EventListener, AddEventListenerOptions] => [type, onPointer, { capture: true }]),
      ...TOUCH_EVENTS.map((type): [string, EventListener, AddEventListenerOptions] => [
        type,
        onPointer,
        { capture: true, passive: true },
      ]),
      ...KEY_EVENTS.map((type): [string, EventListener, AddEventListenerOptions] => [
        type,
        onKey as EventListener,
        { capture: true },
      ]),
      ['scroll', onViewportChange, { capture: true, passive: true }],
      ['resize', onViewportChange, { capture: true, passive: true }],
      ['pagehide', () => cancel(), { capture: true }],
    ];
    for (const [type, listener, options] of listeners) window.addEventListener(type, listener, options);

    ui.cancelButton.textContent = t('cancel');
    ui.instruction.textContent = t('picker_instruction');
    ui.hint.textContent = t('picker_keyboard_hint');
    ui.banner.setAttribute('aria-label', t('picker_label'));
    ui.mount();
  });
}

function isPickerKey(event: KeyboardEvent): boolean {
  return ['Escape', 'Enter', ' ', 'Tab', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(event.key);
}

/** The next (or previous) element to point at with the keyboard, among those on screen. */
function step(from: Element | null, direction: 1 | -1): Element | null {
  const targets = Array.from(document.querySelectorAll(KEYBOARD_TARGETS)).filter(isOnScreen);
  if (targets.length === 0) return from;
  if (!from) return direction === 1 ? targets[0]! : targets[targets.length - 1]!;
  const index = targets.indexOf(from);
  if (index >= 0) return targets[(index + direction + targets.length) % targets.length]!;
  // Pointed at with the mouse: continue from its place in the page.
  const after = targets.findIndex(
    (target) => !!(from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) && !from.contains(target),
  );
  if (direction === 1) return targets[Math.max(after, 0)]!;
  const before = (after >= 0 ? after : targets.length) - 1;
  return targets[(before + targets.length) % targets.length]!;
}

/** Visible and at least partly inside the viewport: what the screenshot will show. */
function isOnScreen(element: Element): boolean {
  const visible = (element as Element & { checkVisibility?(options?: object): boolean }).checkVisibility;
  if (visible && !visible.call(element, { checkOpacity: true, checkVisibilityCSS: true })) return false;
  const rect = element.getBoundingClientRect();
  return (
    rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth
  );
}

/** Keeps the release of `key` from the page; resolves on that release, or after a second. */
function swallowKeyUp(key: string): Promise<void> {
  return new Promise((resolve) => {
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key !== key) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      stop();
    };
    const stop = () => {
      clearTimeout(timer);
      window.removeEventListener('keyup', onKeyUp, { capture: true });
      resolve();
    };
    const timer = setTimeout(stop, 1000);
    window.addEventListener('keyup', onKeyUp, { capture: true });
  });
}

/** Resolves once the page has been painted without the overlay (or after 100 ms in a hidden tab). */
function afterRepaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

interface PickerUi {
  host: HTMLElement;
  banner: HTMLElement;
  instruction: HTMLElement;
  hint: HTMLElement;
  cancelButton: HTMLButtonElement;
  mount(): void;
  remove(): void;
  show(element: Element | null): void;
  announce(text: string): void;
  inBanner(event: Event): boolean;
  isCancel(event: Event): boolean;
}

function buildUi(): PickerUi {
  const { host, root } = createInPageHost('binome-picker', 'auto');

  const overlay = document.createElement('div');
  css(overlay, { position: 'fixed', inset: '0', cursor: 'crosshair', background: 'transparent', 'pointer-events': 'auto' });

  const box = document.createElement('div');
  css(box, {
    position: 'fixed',
    display: 'none',
    'box-sizing': 'border-box',
    border: `4px solid ${ACCENT}`,
    'box-shadow': '0 0 0 2px #fff, inset 0 0 0 2px #fff',
    background: 'rgba(228, 0, 124, 0.12)',
    'border-radius': '3px',
    'pointer-events': 'none',
  });

  const caption = document.createElement('div');
  css(caption, {
    position: 'fixed',
    display: 'none',
    'max-width': '60vw',
    overflow: 'hidden',
    'white-space': 'nowrap',
    'text-overflow': 'ellipsis',
    background: ACCENT,
    color: '#fff',
    font: '600 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    padding: '2px 8px',
    'border-radius': '4px',
    'pointer-events': 'none',
  });

  const banner = document.createElement('div');
  banner.setAttribute('role', 'dialog');
  banner.tabIndex = -1;
  css(banner, {
    position: 'fixed',
    left: '50%',
    top: '16px',
    transform: 'translateX(-50%)',
    'box-sizing': 'border-box',
    width: 'max-content',
    'max-width': 'calc(100vw - 32px)',
    display: 'flex',
    'align-items': 'center',
    gap: '16px',
    padding: '12px 16px',
    background: '#1b1b1b',
    color: '#fff',
    'border-radius': '10px',
    'box-shadow': '0 4px 24px rgba(0, 0, 0, 0.35)',
    font: '18px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    cursor: 'default',
    outline: 'none',
    'pointer-events': 'auto',
  });
  const texts = document.createElement('div');
  const instruction = document.createElement('p');
  const hint = document.createElement('p');
  instruction.id = 'binome-picker-instruction';
  hint.id = 'binome-picker-hint';
  css(instruction, { margin: '0', 'font-weight': '600' });
  css(hint, { margin: '4px 0 0', 'font-size': '16px', color: '#ddd' });
  banner.setAttribute('aria-describedby', `${instruction.id} ${hint.id}`);
  texts.append(instruction, hint);

  const cancelButton = document.createElement('button');
  cancelButton.type = 'button';
  styleBarButton(cancelButton, '8px 20px');

  const status = document.createElement('div');
  status.setAttribute('role', 'status');
  css(status, VISUALLY_HIDDEN);

  banner.append(texts, cancelButton, status);
  root.append(overlay, box, caption, banner);

  let bannerAtBottom = false;
  const placeBanner = (target: DOMRect | null) => {
    const rect = banner.getBoundingClientRect();
    const overlaps = (r: DOMRect) =>
      target && target.left < r.right && target.right > r.left && target.top < r.bottom && target.bottom > r.top;
    if (!overlaps(rect)) return;
    bannerAtBottom = !bannerAtBottom;
    css(banner, bannerAtBottom ? { top: 'auto', bottom: '16px' } : { top: '16px', bottom: 'auto' });
  };

  return {
    host,
    banner,
    instruction,
    hint,
    cancelButton,
    mount() {
      mountInTopLayer(host);
      banner.focus({ preventScroll: true });
    },
    remove() {
      host.remove();
    },
    show(element) {
      if (!element) {
        css(box, { display: 'none' });
        css(caption, { display: 'none' });
        return;
      }
      const rect = element.getBoundingClientRect();
      css(box, {
        display: 'block',
        left: `${rect.left - 4}px`,
        top: `${rect.top - 4}px`,
        width: `${rect.width + 8}px`,
        height: `${rect.height + 8}px`,
      });
      // The name alone: the full description (text, CSS path) is computed once, on the pick.
      const name = accessibleName(element).slice(0, 120);
      caption.textContent = name;
      const above = rect.top - 34 >= 0;
      css(caption, {
        display: name ? 'block' : 'none',
        left: `${Math.max(4, rect.left - 4)}px`,
        top: above ? `${rect.top - 34}px` : `${Math.min(innerHeight - 30, rect.bottom + 6)}px`,
      });
      placeBanner(rect);
    },
    announce(text) {
      status.textContent = text;
    },
    inBanner(event) {
      return event.composedPath().includes(banner);
    },
    isCancel(event) {
      return event.composedPath().includes(cancelButton);
    },
  };
}
