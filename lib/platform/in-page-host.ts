/**
 * What Binôme draws inside a web page (the element picker, the walkthrough recorder's bar and player) lives in an
 * element of its own with an open shadow root, above the page in the top layer. Styles go
 * through the CSSOM (element.style), which a page's Content-Security-Policy does not restrict,
 * unlike <style> elements or style attributes; `!important` keeps the page's rules off them.
 */

export function css(element: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value, 'important');
}

/**
 * For elements inside the shadow root, which the page's rules cannot reach: no `!important`,
 * which would also override a person's own text-spacing settings (WCAG 1.4.12).
 */
export function shadowCss(element: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value);
}

/**
 * A host covering the viewport, not yet in the page. `pointerEvents: 'none'` lets the page
 * under it be used (only the parts that ask for the pointer take it); 'auto' takes the pointer.
 */
export function createInPageHost(tagName: string, pointerEvents: 'auto' | 'none'): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tagName);
  css(host, {
    all: 'initial',
    position: 'fixed',
    inset: '0',
    width: 'auto',
    height: 'auto',
    margin: '0',
    padding: '0',
    border: '0',
    background: 'transparent',
    overflow: 'visible',
    'z-index': '2147483647',
    display: 'block',
    'pointer-events': pointerEvents,
  });
  return { host, root: host.attachShadow({ mode: 'open' }) };
}

/** Puts the host into the page, in the top layer: above the page's own popovers and fullscreen parts. */
export function mountInTopLayer(host: HTMLElement): void {
  document.documentElement.append(host);
  if (typeof host.showPopover !== 'function') return;
  try {
    host.setAttribute('popover', 'manual');
    host.showPopover();
  } catch {
    host.removeAttribute('popover');
  }
}

/** The type Binôme's in-page parts use, whatever the page's own fonts. */
export const IN_PAGE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A status only screen readers hear: in the page's layout, never seen. */
export const VISUALLY_HIDDEN: Record<string, string> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  'white-space': 'nowrap',
};

/**
 * The light button on Binôme's dark in-page bars (the picker's Cancel, the recorder's Finish):
 * a 44 px target, with a yellow ring when it has the keyboard's focus.
 */
export function styleBarButton(button: HTMLElement, padding: string): void {
  css(button, {
    'min-height': '44px',
    'min-width': '44px',
    padding,
    font: `600 18px/1.2 ${IN_PAGE_FONT}`,
    background: '#fff',
    color: '#111',
    border: '2px solid #fff',
    'border-radius': '8px',
    cursor: 'pointer',
    'flex-shrink': '0',
  });
  const ring = (on: boolean) => css(button, { outline: on ? '3px solid #ffd400' : 'none', 'outline-offset': '2px' });
  button.addEventListener('focus', () => ring(true));
  button.addEventListener('blur', () => ring(false));
}
