import type { CDPSession, Page } from '@playwright/test';

/** The size of a surface at 100 %: a window, or Chrome's popup at its largest. */
export interface Size {
  width: number;
  height: number;
}

/** Chrome caps a toolbar popup at 800 × 600 device pixels; Binôme's popup asks for 420 px wide. */
export const POPUP_SIZE: Size = { width: 420, height: 600 };
export const POPUP_MAX_WIDTH = 800;

// An emulation lasts only as long as the DevTools session that set it: one per page, kept.
const sessions = new WeakMap<Page, CDPSession>();

export async function devTools(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/**
 * `page` as the browser's zoom shows it in a surface of `size` device pixels: at 200 % the CSS
 * viewport is half as wide and high and each CSS pixel is drawn with two device pixels, so media
 * queries, wrapping and scrolling behave as after Ctrl + "+" twice. (CSS `zoom` on the root would
 * leave the viewport and the media queries at 100 %, which is not what a person gets.)
 */
export async function zoomTo(page: Page, size: Size, zoom: number): Promise<void> {
  await (await devTools(page)).send('Emulation.setDeviceMetricsOverride', {
    width: Math.round(size.width / zoom),
    height: Math.round(size.height / zoom),
    deviceScaleFactor: zoom,
    mobile: false,
  });
}
