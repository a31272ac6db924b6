import type { Page } from 'puppeteer-core';
import { byLabel, itemsOf } from './aria';

/** The full knowledge log (moz-extension://…/log.html). */
export class FirefoxLogPage {
  constructor(readonly page: Page) {}

  async search(query: string): Promise<void> {
    await this.page.locator(byLabel('Search your knowledge log', 'searchbox')).fill(query);
  }

  entries(): Promise<string[]> {
    return itemsOf(this.page, 'list', 'Knowledge log entries', 'button');
  }
}
