import { parseHTML } from 'linkedom';

/**
 * A fresh linkedom document made global, for components rendered for real (Preact, as in the
 * extension); returns the element to render into.
 */
export function pageToRenderIn(): HTMLElement {
  const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  Object.assign(globalThis, { window, document, Event: window.Event });
  // Browsers reflect a label's htmlFor property to its `for` attribute, which Preact relies on;
  // linkedom makes a label a plain HTMLElement without it.
  Object.defineProperty(window.HTMLElement.prototype, 'htmlFor', {
    configurable: true,
    get(this: HTMLLabelElement) {
      return this.getAttribute('for') ?? '';
    },
    set(this: HTMLLabelElement, value: string) {
      this.setAttribute('for', value);
    },
  });
  return document.getElementById('root') as unknown as HTMLElement;
}
