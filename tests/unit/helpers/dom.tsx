import { parseHTML } from 'linkedom';
import { act } from 'preact/test-utils';
import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ServicesProvider } from '@/components/services';
import type { BinomeDb } from '@/lib/db/db';
import type { Client } from '@/lib/messaging/client';

let root: Root | undefined;

/**
 * A fresh linkedom document made global, for components rendered for real (Preact, as in the
 * extension); returns the element `show` renders into.
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

/** Renders `element` into the page of the last `pageToRenderIn()`, effects run. */
export async function show(element: ReactElement): Promise<void> {
  await act(() => {
    // react-dom/client is Preact's compat layer here, as in the extension (see preact-aliases.ts).
    root = createRoot(document.getElementById('root') as unknown as HTMLElement);
    root.render(element);
  });
}

/** A screen that reads the database; the background client is not reached by these tests. */
export function showWithDb(db: BinomeDb, screen: ReactElement): Promise<void> {
  return show(
    <ServicesProvider db={db} client={{} as Client}>
      {screen}
    </ServicesProvider>,
  );
}

/** For afterEach: nothing of one test's rendering stays running into the next. */
export async function unmountShown(): Promise<void> {
  await act(() => root?.unmount());
  root = undefined;
}
