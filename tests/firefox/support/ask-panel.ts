import type { Frame, Page } from 'puppeteer-core';
import { byLabel, byRole, IMAGE_ROLE, textOf } from './aria';

/**
 * The ask form the background put into a page (moz-extension://…/ask-panel.html in a frame of a
 * closed shadow root). The frame is looked up at each step: Puppeteer may report it at about:blank
 * (where it started) and may replace its Frame object once it loads, so each frame is asked where it is.
 */
export class FirefoxAskPanel {
  constructor(
    readonly page: Page,
    private readonly panelUrl: string,
  ) {}

  async frame(): Promise<Frame | undefined> {
    for (const frame of this.page.frames()) {
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(this.panelUrl)) return frame;
    }
    return undefined;
  }

  private async inFrame(): Promise<Frame> {
    const frame = await this.frame();
    if (!frame) throw new Error('The ask panel is not in the page');
    return frame;
  }

  async context(): Promise<string | null> {
    const frame = await this.frame();
    return frame ? textOf(frame, byRole('region', 'The page the question is about')) : null;
  }

  async hasScreenshot(): Promise<boolean> {
    const frame = await this.frame();
    return (await frame?.$(byRole(IMAGE_ROLE, 'Screenshot of the page, as your buddy will see it'))) != null;
  }

  async send(question: string): Promise<void> {
    const frame = await this.inFrame();
    await frame.locator(byLabel('Your question')).fill(question);
    await frame.locator(byRole('button', 'Send my question')).click();
  }

  async status(): Promise<string | null> {
    const frame = await this.frame();
    return frame ? textOf(frame, byRole('status')) : null;
  }
}
