import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { ASK_COMMAND } from '../../../lib/ask/commands';
import { FirefoxAskPanel } from './ask-panel';
import { FIXTURE_HOSTS } from '../../e2e/support/fixture-server';
import { BrowserWindow } from './browser-window';
import { builtAddonId, FIREFOX_EXTENSION_DIR, launchFirefox } from './firefox';
import { FirefoxLogPage } from './log-page';
import { FirefoxOptionsPage } from './options-page';
import { FirefoxPopupPage } from './popup-page';

/** One person: a Firefox profile of their own with the built add-on installed as a temporary add-on. */
export class FirefoxPerson {
  private constructor(
    readonly name: string,
    readonly browser: Browser,
    private readonly window: BrowserWindow,
    /** The add-on's internal UUID, pinned by a pref: its pages are moz-extension://<uuid>/…. */
    private readonly addonUuid: string,
  ) {}

  static async launch(name: string): Promise<FirefoxPerson> {
    const addonUuid = randomUUID();
    const browser = await launchFirefox({ addonUuid, localHosts: FIXTURE_HOSTS });
    try {
      const addonId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
      expect(addonId).toBe(builtAddonId());
      const person = new FirefoxPerson(name, browser, await BrowserWindow.of(browser, addonId), addonUuid);
      await person.closeWelcomePage();
      return person;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  url(path: string): string {
    return `moz-extension://${this.addonUuid}/${path}`;
  }

  /**
   * The install opens the welcome page in a tab of its own: closed, so that it takes neither the
   * focus nor the selected tab from the test's pages. Puppeteer may still report a tab that the
   * add-on opened as about:blank, so each tab is asked where it is.
   */
  private async closeWelcomePage(): Promise<void> {
    const welcome = this.url('welcome.html');
    const opened = async () => {
      for (const page of await this.browser.pages()) {
        if ((await page.evaluate(() => location.href).catch(() => '')) === welcome) return page;
      }
      return undefined;
    };
    await expect
      .poll(async () => (await opened()) !== undefined, { message: 'the install opens the welcome page', timeout: 15_000 })
      .toBe(true);
    await (await opened())?.close();
  }

  /**
   * An extension page in a new tab. Firefox may never report the load of a moz-extension:// page to
   * WebDriver, so the navigation is not awaited: the page object waits for what it needs instead.
   */
  async openExtensionPage(path: string, options: { inWindow?: boolean } = {}): Promise<Page> {
    const page = await this.browser.newPage(
      options.inWindow ? { type: 'window', windowBounds: { width: 460, height: 900 } } : undefined,
    );
    void page.goto(this.url(path), { waitUntil: 'domcontentloaded' }).catch(() => undefined);
    // Asked again until it answers: a question put while the page navigates fails with its old document.
    const arrived = () =>
      page
        .evaluate((prefix: string) => location.href.startsWith(prefix) && document.readyState !== 'loading', this.url(''))
        .catch(() => false);
    await expect.poll(arrived, { message: `${path} opens`, timeout: 15_000 }).toBe(true);
    return page;
  }

  async options(): Promise<FirefoxOptionsPage> {
    return new FirefoxOptionsPage(await this.openExtensionPage('options.html'));
  }

  async openSite(url: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(url);
    return page;
  }

  /**
   * Binôme's toolbar button on `page` (its click, with the activeTab grant: see BrowserWindow), then
   * the popup aimed at that tab, opened as a page in a small window of its own so that the site
   * stays the visible tab of its window, as under a real popup.
   */
  async popupFor(page: Page): Promise<FirefoxPopupPage> {
    await page.bringToFront();
    const tabId = await this.window.pressToolbarButton();
    return new FirefoxPopupPage(await this.openExtensionPage(`popup.html?tabId=${tabId}`, { inWindow: true }));
  }

  /** Binôme's keyboard shortcut (Alt+Shift+H) on `page`: see BrowserWindow. */
  async pressAskShortcut(page: Page): Promise<void> {
    await page.bringToFront();
    await this.window.pressShortcut(ASK_COMMAND);
  }

  /** The ask panel the background put into `page`, once it shows there. */
  async askPanelIn(page: Page): Promise<FirefoxAskPanel> {
    const panel = new FirefoxAskPanel(page, this.url('ask-panel.html'));
    await expect
      .poll(async () => (await panel.frame()) !== undefined, { message: 'the ask panel appears in the page', timeout: 15_000 })
      .toBe(true);
    return panel;
  }

  /** The popup on its own, as when the person opens it from any page. */
  async popup(): Promise<FirefoxPopupPage> {
    return new FirefoxPopupPage(await this.openExtensionPage('popup.html'));
  }

  async logPage(): Promise<FirefoxLogPage> {
    return new FirefoxLogPage(await this.openExtensionPage('log.html'));
  }

  /** The company policy Firefox read for the add-on at start (see BrowserWindow.extensionPolicy). */
  extensionPolicy(): Promise<unknown> {
    return this.window.extensionPolicy();
  }

  badgeText(): Promise<string> {
    return this.window.badgeText();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
