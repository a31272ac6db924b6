import type { Locator, Page } from '@playwright/test';

/**
 * How far below the top of the screen the bottom of `target` lies when the page is not scrolled,
 * in CSS pixels: what a person sees on opening it (a bar that stays at the bottom counts where it shows).
 */
export function bottomBeforeScrolling(target: Locator): Promise<number> {
  return target.evaluate((element) => {
    window.scrollTo(0, 0);
    return element.getBoundingClientRect().bottom;
  });
}

/** The page scrolls sideways: its content is wider than its viewport. */
export function scrollsSideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/**
 * What is cut off on the right: visible elements that stick out of the viewport, or whose content
 * is wider than a box that hides its overflow. Elements inside a box that scrolls sideways on purpose
 * (a zoomed picture) and text hidden for sighted people only are not cut off.
 */
export function clippedHorizontally(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewportWidth = document.documentElement.clientWidth;
    const nameOf = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const scrollsOnPurpose = (element: Element) => element.closest('.screenshot.zoomed, .visually-hidden') !== null;
    const clipped: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || scrollsOnPurpose(element)) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      if (box.right > viewportWidth + 1)
        clipped.push(`${nameOf(element)} ends at ${Math.round(box.right)} px of ${viewportWidth}`);
      else if (
        ['hidden', 'clip'].includes(style.overflowX) &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.tagName !== 'TEXTAREA'
      ) {
        clipped.push(`${nameOf(element)} hides ${element.scrollWidth - element.clientWidth} px of its content`);
      }
    }
    return clipped;
  });
}
