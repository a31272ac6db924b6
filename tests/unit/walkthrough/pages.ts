/**
 * The walkthrough fixture pages on linkedom (no jsdom or happy-dom here, no layout, no
 * scripts), made to look as Chromium shows them: declarative shadow roots attached, each
 * same-origin frame given its document, and the late part of crm-b-late.html revealed on
 * demand, as the page's own script does after 2 s.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { cssEscape } from '@/lib/capture/element-description';
import { type Locator, locate as locateOrNull } from '../../fixtures/walkthrough-cases';

/**
 * @medv/finder reads the page's globals (`document`, `Node`, `CSS.escape`), as in the
 * recorder: set them to the page being recorded, so that the selectors are finder's here too.
 */
export function recordOn(document: Document): void {
  const view = document.defaultView as unknown as { Node?: unknown };
  Object.assign(globalThis, { document, CSS: { escape: cssEscape } });
  if (typeof globalThis.Node === 'undefined') Object.assign(globalThis, { Node: view.Node });
}

const FOLDER = fileURLToPath(new URL('../../fixtures/pages/walkthrough/', import.meta.url));

export function loadPage(name: string): Document {
  const { document } = parseHTML(readFileSync(FOLDER + name, 'utf8'));
  attachDeclarativeShadowRoots(document);
  for (const frame of Array.from(document.querySelectorAll('iframe[src]'))) {
    const inner = loadPage(frame.getAttribute('src')!);
    Object.defineProperty(frame, 'contentDocument', { value: inner, configurable: true });
  }
  return document;
}

/** What the HTML parser does with <template shadowrootmode="open">. */
function attachDeclarativeShadowRoots(root: Document | ShadowRoot): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement!;
    const shadow = host.attachShadow({ mode: template.getAttribute('shadowrootmode') as ShadowRootMode });
    shadow.innerHTML = template.innerHTML;
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** What crm-b-late.html's script does once its "data" arrive. */
export function revealLateContent(document: Document): void {
  const template = document.getElementById('late-content') as HTMLTemplateElement;
  const holder = document.createElement('div');
  holder.innerHTML = template.innerHTML;
  document.getElementById('late-slot')!.replaceWith(...Array.from(holder.childNodes));
}

/** The element at the end of a locator; a fixture that lost it is a broken test, said so. */
export function locate(document: Document, locator: Locator): Element {
  const element = locateOrNull(document, locator);
  if (!element) throw new Error(`Fixture locator ${locator.join(' » ')} finds nothing`);
  return element;
}
