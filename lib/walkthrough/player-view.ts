/**
 * What the player draws in the page: an outline around the step's element and a card with the
 * step's caption, in a shadow root of their own, in the top layer. The card is a non-modal
 * dialog: focus moves to it when it opens and Tab cycles within its buttons, but the page stays
 * usable with the pointer (only the card takes pointer events), because the person does each
 * step themselves. Styled through the CSSOM (lib/platform/in-page-host.ts); the colours follow
 * the system's light or dark setting. Text is only ever set as text.
 */
import { createInPageHost, mountInTopLayer, shadowCss as css, VISUALLY_HIDDEN } from '../platform/in-page-host';

export type PlayerAction = 'back' | 'next' | 'yes' | 'no' | 'tell' | 'go' | 'close';

export interface PlayerButton {
  action: PlayerAction;
  label: string;
  primary?: boolean;
}

export interface CardContent {
  /** The dialog's name, with the title: "Binôme walkthrough, Step 2 of 4". */
  label: string;
  /** "Step 2 of 4", or the last card's title. */
  title: string;
  caption: string;
  /** What is going on: looking, "Is this it?", not found, a hint for the action. */
  status: string;
  buttons: PlayerButton[];
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const ACCENT = '#e4007c';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PALETTES = {
  light: {
    card: '#ffffff',
    text: '#1b1b1b',
    muted: '#444444',
    primary: '#b3005f',
    onPrimary: '#ffffff',
    line: '#595959',
    focus: '#1a5fb4',
  },
  dark: {
    card: '#1f1f1f',
    text: '#f2f2f2',
    muted: '#d0d0d0',
    primary: '#ff8cc6',
    onPrimary: '#111111',
    line: '#bdbdbd',
    focus: '#9ec5ff',
  },
} as const;
/** Room kept between the card and the edges of the window, and around the outlined element. */
const MARGIN = 16;
const OUTLINE_GAP = 4;

export interface PlayerView {
  render(content: CardContent): void;
  /** The outline around `box` (viewport coordinates of the top window), or none. */
  outline(box: Box | null): void;
  /** Read by screen readers without moving focus: the step changed because the person acted on the page. */
  announce(text: string): void;
  focusCard(): void;
  /** The host element, to tell the player's own clicks from the page's. */
  readonly host: HTMLElement;
  destroy(): void;
}

export function createPlayerView(onAction: (action: PlayerAction) => void): PlayerView {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
  const palette = () => (dark?.matches ? PALETTES.dark : PALETTES.light);
  const previousFocus = document.activeElement as HTMLElement | null;

  // The page under it stays usable: only the card takes the pointer.
  const { host, root } = createInPageHost('binome-player', 'none');

  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  css(box, {
    position: 'fixed',
    display: 'none',
    'box-sizing': 'border-box',
    border: `4px solid ${ACCENT}`,
    'box-shadow': '0 0 0 3px #fff, inset 0 0 0 2px #fff, 0 0 0 9999px rgba(0, 0, 0, 0.18)',
    'border-radius': '6px',
    'pointer-events': 'none',
  });

  const card = document.createElement('div');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-modal', 'false');
  card.tabIndex = -1;
  const title = document.createElement('h2');
  title.id = 'binome-player-title';
  const caption = document.createElement('p');
  caption.id = 'binome-player-caption';
  const status = document.createElement('p');
  status.id = 'binome-player-status';
  card.setAttribute('aria-describedby', `${caption.id} ${status.id}`);
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.textContent = '×';
  closeButton.dataset.action = 'close';
  const header = document.createElement('div');
  header.append(title, closeButton);
  const actions = document.createElement('div');
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  css(live, VISUALLY_HIDDEN);
  card.append(header, caption, status, actions, live);
  root.append(box, card);

  const focusRing = (element: HTMLElement, on: boolean) =>
    css(element, { outline: on ? `3px solid ${palette().focus}` : 'none', 'outline-offset': '2px' });

  const styleButton = (button: HTMLButtonElement, primary: boolean) => {
    const colours = palette();
    css(button, {
      'min-height': '44px',
      'min-width': '44px',
      padding: '8px 16px',
      font: `600 17px/1.2 ${FONT}`,
      background: primary ? colours.primary : colours.card,
      color: primary ? colours.onPrimary : colours.text,
      border: `2px solid ${primary ? colours.primary : colours.line}`,
      'border-radius': '8px',
      cursor: 'pointer',
    });
  };
  const watchFocus = (button: HTMLButtonElement) => {
    button.addEventListener('focus', () => focusRing(button, true));
    button.addEventListener('blur', () => focusRing(button, false));
  };
  watchFocus(closeButton);

  const paint = () => {
    const colours = palette();
    css(card, {
      position: 'fixed',
      right: `${MARGIN}px`,
      'box-sizing': 'border-box',
      width: `min(26rem, calc(100vw - ${2 * MARGIN}px))`,
      'max-height': `calc(100vh - ${2 * MARGIN}px)`,
      overflow: 'auto',
      padding: '16px 18px',
      background: colours.card,
      color: colours.text,
      border: `3px solid ${ACCENT}`,
      'border-radius': '12px',
      'box-shadow': '0 6px 28px rgba(0, 0, 0, 0.35)',
      font: `18px/1.45 ${FONT}`,
      'text-align': 'start',
      'pointer-events': 'auto',
      outline: 'none',
    });
    css(header, { display: 'flex', 'align-items': 'flex-start', 'justify-content': 'space-between', gap: '12px' });
    css(title, { margin: '0', font: `700 16px/1.3 ${FONT}`, color: colours.muted, 'text-transform': 'none' });
    css(caption, { margin: '8px 0 0', font: `600 20px/1.4 ${FONT}`, color: colours.text, 'overflow-wrap': 'anywhere' });
    css(status, { margin: '8px 0 0', font: `17px/1.4 ${FONT}`, color: colours.muted, 'overflow-wrap': 'anywhere' });
    css(actions, { display: 'flex', 'flex-wrap': 'wrap', gap: '10px', 'margin-top': '14px', 'justify-content': 'flex-end' });
    styleButton(closeButton, false);
    css(closeButton, { padding: '0', 'font-size': '26px', 'line-height': '1', 'flex-shrink': '0' });
    for (const button of actions.querySelectorAll('button')) styleButton(button, button.dataset.primary === 'true');
  };

  let lastBox: Box | null = null;
  const placeCard = () => {
    // Away from the outlined element: at the bottom when it sits in the top half, else at the top.
    const atBottom = !lastBox || lastBox.top + lastBox.height / 2 < window.innerHeight / 2;
    css(card, atBottom ? { top: 'auto', bottom: `${MARGIN}px` } : { top: `${MARGIN}px`, bottom: 'auto' });
  };

  const buttons = (): HTMLButtonElement[] => [closeButton, ...actions.querySelectorAll('button')];

  const onClick = (event: MouseEvent) => {
    const target =
      (event.composedPath().find((node) => node instanceof HTMLButtonElement) as HTMLButtonElement | undefined) ?? null;
    const action = target?.dataset.action as PlayerAction | undefined;
    if (action) onAction(action);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onAction('close');
      return;
    }
    if (event.key !== 'Tab') return;
    // Tab cycles within the card while focus is in it.
    const all = buttons();
    const index = all.indexOf(root.activeElement as HTMLButtonElement);
    event.preventDefault();
    const next =
      index === -1 ? (event.shiftKey ? all.length - 1 : 0) : (index + (event.shiftKey ? -1 : 1) + all.length) % all.length;
    all[next]?.focus();
  };
  card.addEventListener('click', onClick);
  card.addEventListener('keydown', onKeyDown);
  const onScheme = () => paint();
  dark?.addEventListener?.('change', onScheme);

  mountInTopLayer(host);

  return {
    host,
    render(content) {
      const focusedAction = (root.activeElement as HTMLElement | null)?.dataset?.action;
      const focusWasInCard = root.activeElement !== null;
      title.textContent = content.title;
      card.setAttribute('aria-label', `${content.label}, ${content.title}`);
      caption.textContent = content.caption;
      status.textContent = content.status;
      closeButton.setAttribute(
        'aria-label',
        content.buttons.find((b) => b.action === 'close')?.label ?? closeButton.getAttribute('aria-label') ?? '',
      );
      actions.replaceChildren(
        ...content.buttons
          .filter((b) => b.action !== 'close' || b.primary)
          .map((b) => {
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = b.label;
            button.dataset.action = b.action;
            button.dataset.primary = String(!!b.primary);
            watchFocus(button);
            return button;
          }),
      );
      paint();
      placeCard();
      // The button the person used may be gone in the new state: focus stays in the card.
      if (focusWasInCard) {
        const same = buttons().find((button) => button.dataset.action === focusedAction && button !== closeButton);
        (same ?? card).focus({ preventScroll: true });
      }
    },
    outline(next) {
      lastBox = next;
      if (!next) {
        css(box, { display: 'none' });
      } else {
        css(box, {
          display: 'block',
          left: `${next.left - OUTLINE_GAP}px`,
          top: `${next.top - OUTLINE_GAP}px`,
          width: `${next.width + 2 * OUTLINE_GAP}px`,
          height: `${next.height + 2 * OUTLINE_GAP}px`,
        });
      }
      placeCard();
    },
    announce(text) {
      live.textContent = text;
    },
    focusCard() {
      card.focus({ preventScroll: true });
    },
    destroy() {
      dark?.removeEventListener?.('change', onScheme);
      const focusInCard = root.activeElement !== null;
      host.remove();
      if (focusInCard && previousFocus?.isConnected && typeof previousFocus.focus === 'function') {
        previousFocus.focus({ preventScroll: true });
      }
    },
  };
}
