import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/** Puppeteer's accessibility query (role and accessible name, both exact), as in the Chromium page objects. */
export function byRole(role: string, name?: string): string {
  const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  return `::-p-aria(${name === undefined ? '' : `[name=${quoted(name)}]`}[role=${quoted(role)}])`;
}

/**
 * The role Firefox computes for `<img>`, `<canvas role="img">` and the like: ARIA 1.3's "image" (of
 * which "img" is the synonym kept for authors); Chromium still computes "img", so `byRole('img')`
 * matches nothing here.
 */
export const IMAGE_ROLE = 'image';

/**
 * A text field by its label. The role is needed: Firefox also gives the <label> itself the
 * field's name, so a name alone matches both.
 */
export function byLabel(label: string, role = 'textbox'): string {
  return byRole(role, label);
}

type Scope = Page | Frame | ElementHandle;

/** The text of every element `selector` matches in `scope` now (for `expect.poll`). */
export async function textsOf(scope: Scope, selector: string): Promise<string[]> {
  const elements = await scope.$$(selector);
  return Promise.all(elements.map((element) => element.evaluate((node) => node.textContent?.trim() ?? '')));
}

/** The text of the first element `selector` matches, or null while there is none. */
export async function textOf(scope: Scope, selector: string): Promise<string | null> {
  const element = await scope.$(selector);
  return element ? element.evaluate((node) => node.textContent?.trim() ?? '') : null;
}

/** Texts of the `itemRole` elements inside the `role` element named `name`; none while it is absent. */
export async function itemsOf(page: Page, role: string, name: string, itemRole: string): Promise<string[]> {
  const container = await page.$(byRole(role, name));
  return container ? textsOf(container, byRole(itemRole)) : [];
}
