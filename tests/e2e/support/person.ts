import { chromium, expect, type BrowserContext, type Frame, type Locator, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AskPanelPage } from './ask-panel-page';
import { chromiumPath } from './chromium';
import type { Desktop } from './desktop';
import { FIXTURE_HOSTS } from './fixture-server';
import { LogPage } from './log-page';
import { OptionsPage } from './options-page';
import { PopupPage } from './popup-page';

/** The built extension; a benchmark may point at a copy with its own pages added (bench/floor-page.ts). */
export const EXTENSION_DIR =
  process.env.BINOME_EXTENSION_DIR ?? fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));

/** One person: a persistent Chromium profile with the built extension, relaunchable. */
export class Person {
  private constructor(
    readonly name: string,
    /** Its profile folder (removed by close()): a bench relaunches it outside Playwright. */
    readonly profileDir: string,
    private readonly fixturePort: number,
    private readonly language: string,
    public context: BrowserContext,
    public extensionId: string,
    /** A person at a real (virtual) desktop: keyboard shortcuts and the right-click menu work. */
    readonly desktop?: Desktop,
  ) {}

  /**
   * A fresh profile. The welcome page that the install opens is closed, so that it takes neither
   * the focus nor the active tab from the test's own pages; `keepWelcome` leaves it open.
   */
  static async launch(
    name: string,
    fixturePort: number,
    language = 'en',
    desktop?: Desktop,
    options: { keepWelcome?: boolean } = {},
  ): Promise<Person> {
    const profileDir = mkdtempSync(join(tmpdir(), `binome-${name.toLowerCase().replace(/\W+/g, '-')}-`));
    const { context, extensionId } = await launchContext(profileDir, fixturePort, language, desktop);
    if (!options.keepWelcome) {
      const welcome = `chrome-extension://${extensionId}/welcome.html`;
      const opened = () => context.pages().find((page) => page.url() === welcome);
      await expect.poll(() => opened() !== undefined, { message: 'the install opens the welcome page' }).toBe(true);
      await opened()?.close();
    }
    return new Person(name, profileDir, fixturePort, language, context, extensionId, desktop);
  }

  private onDesktop(): Desktop {
    if (!this.desktop) throw new Error(`${this.name} has no desktop: launch with one for shortcuts and menus`);
    return this.desktop;
  }

  /** Presses Binôme's keyboard shortcut on `page`. */
  async pressShortcut(page: Page, keys = 'alt+shift+h'): Promise<void> {
    await this.onDesktop().press(page, keys);
  }

  /** Keys pressed at the keyboard (X input, as a person), e.g. "Escape". */
  async pressKeys(page: Page, keys: string): Promise<void> {
    await this.onDesktop().press(page, keys);
  }

  async typeText(page: Page, text: string): Promise<void> {
    await this.onDesktop().typeText(page, text);
  }

  /**
   * Right-click on `target` (in `page` or one of its frames), then "Ask my buddy about this" in the browser's own
   * menu, by its first letter as keyboard users do. The native menu takes a moment to open and
   * a letter typed before it goes to the page: a round without a result is tried again.
   */
  async askFromContextMenu(page: Page, target: Locator): Promise<void> {
    const desktop = this.onDesktop();
    for (let attempt = 1; ; attempt++) {
      await desktop.rightClick(page, target);
      await page.waitForTimeout(400 * attempt);
      // In an open menu, a letter goes to the first item starting with it.
      desktop.key('a');
      for (let waited = 0; waited < 3000; waited += 100) {
        if (page.frames().some((frame) => frame.url().includes('/ask-panel.html'))) return;
        await page.waitForTimeout(100);
      }
      if (attempt === 3) throw new Error('"Ask my buddy about this" did not open the panel from the right-click menu');
      desktop.key('Escape');
    }
  }

  /** The ask panel the background put into `page` (a frame in a closed shadow root). */
  async askPanelIn(page: Page): Promise<AskPanelPage> {
    const panelFrame = () => page.frames().find((candidate) => candidate.url().includes('/ask-panel.html'));
    await expect.poll(() => panelFrame() !== undefined, { message: 'the ask panel appears in the page' }).toBe(true);
    const frame = panelFrame() as Frame;
    await frame.waitForLoadState();
    return new AskPanelPage(frame);
  }

  /**
   * The side panel, which Playwright's own connection does not list: reached through a
   * second, plain CDP connection to the same browser.
   */
  async sidePanel(): Promise<AskPanelPage> {
    const port = readFileSync(join(this.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const sidePanelPage = () =>
      browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((page) => page.url().includes('/sidepanel.html'));
    await expect.poll(() => sidePanelPage() !== undefined, { message: 'the side panel opens' }).toBe(true);
    const panel = sidePanelPage() as Page;
    await panel.waitForLoadState();
    return new AskPanelPage(panel);
  }

  /** Closes the browser and opens the same profile again, as after a restart. */
  async restartBrowser(): Promise<void> {
    await this.context.close();
    const { context, extensionId } = await launchContext(this.profileDir, this.fixturePort, this.language, this.desktop);
    this.context = context;
    this.extensionId = extensionId;
  }

  async serviceWorker(): Promise<Worker> {
    const [worker] = this.context.serviceWorkers();
    return worker ?? this.context.waitForEvent('serviceworker');
  }

  async options(): Promise<OptionsPage> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/options.html`);
    return new OptionsPage(page);
  }

  /**
   * Clicks Binôme's toolbar button on `page` (through CDP, which grants activeTab just as
   * a real click does), then opens the popup aimed at that page in a small window of its
   * own, because headless Chromium has no toolbar to show it in. The page stays the
   * visible tab of its window, as under a real popup, so its screenshot can be taken.
   */
  async popupFor(page: Page): Promise<PopupPage> {
    await this.clickToolbarButton(page);
    const worker = await this.serviceWorker();
    const tabId = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === url)?.id;
    }, page.url());
    if (tabId === undefined) throw new Error(`No tab found for ${page.url()}`);
    const url = `chrome-extension://${this.extensionId}/popup.html?tabId=${tabId}`;
    const opened = this.context.waitForEvent('page', (candidate) => candidate.url() === url);
    await worker.evaluate((popupUrl) => chrome.windows.create({ url: popupUrl, type: 'popup', width: 460, height: 900 }), url);
    const popup = await opened;
    await popup.waitForLoadState();
    return new PopupPage(popup);
  }

  /** Binôme's toolbar button on `page`, then "Ask my buddy about this page": the popup with its ask form ready. */
  async askFormFor(page: Page): Promise<PopupPage> {
    const popup = await this.popupFor(page);
    await popup.openAskForm();
    return popup;
  }

  /** The popup on its own, as when the person opens it from any page; `clockAt` runs its clock from then. */
  async popup(clockAt?: number): Promise<PopupPage> {
    const popup = await this.context.newPage();
    if (clockAt !== undefined) await popup.clock.install({ time: clockAt });
    await popup.goto(`chrome-extension://${this.extensionId}/popup.html`);
    return new PopupPage(popup);
  }

  /** The full knowledge log; `clockAt` runs the page's clock from that moment (reviews fall due). */
  async logPage(clockAt?: number): Promise<LogPage> {
    const page = await this.context.newPage();
    if (clockAt !== undefined) await page.clock.install({ time: clockAt });
    await page.goto(`chrome-extension://${this.extensionId}/log.html`);
    return new LogPage(page);
  }

  async clickToolbarButton(page: Page): Promise<void> {
    const browser = this.context.browser();
    if (!browser) throw new Error('No browser behind the context');
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tab = targetInfos.find((target) => target.url === page.url());
      if (!tab) throw new Error(`No tab target for ${page.url()}`);
      await cdp.send('Extensions.triggerAction', { id: this.extensionId, targetId: tab.targetId });
    } finally {
      await cdp.detach();
    }
  }

  /** Stops the extension's service worker, as Chrome does after 30 s idle. */
  async stopServiceWorker(): Promise<void> {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    const cdp = await this.context.newCDPSession(page);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    } finally {
      await cdp.detach();
    }
  }

  /**
   * Moves the service worker's clock to `at`: Date.now() there answers from that moment on. The
   * background reads Date.now() each time it needs the time (lib/programme/programme-round.ts),
   * so no test hook is built into the extension; a restarted worker has the real clock again.
   */
  async setServiceWorkerClock(at: number): Promise<void> {
    const worker = await this.serviceWorker();
    await worker.evaluate((target) => {
      const scope = globalThis as unknown as { realDateNow?: () => number };
      scope.realDateNow ??= Date.now.bind(Date);
      const offset = target - scope.realDateNow();
      Date.now = () => (scope.realDateNow as () => number)() + offset;
    }, at);
  }

  async badgeText(): Promise<string> {
    const worker = await this.serviceWorker();
    return worker.evaluate(() => chrome.action.getBadgeText({}));
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

async function launchContext(profileDir: string, fixturePort: number, language: string, desktop?: Desktop) {
  const hostRules = FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${fixturePort}`).join(',');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: !desktop,
    locale: language,
    // On a desktop the page is the window's real size, so screen coordinates match it.
    ...(desktop ? { viewport: null } : {}),
    env: {
      ...process.env,
      LANGUAGE: language,
      LANG: `${language}_${language === 'en' ? 'US' : language.toUpperCase()}.UTF-8`,
      ...(desktop ? { DISPLAY: desktop.display } : {}),
    },
    args: [
      ...(desktop ? ['--window-position=0,0', '--window-size=1280,900', '--remote-debugging-port=0'] : []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      // Lets CDP click the toolbar button (Extensions.triggerAction) over Playwright's pipe.
      '--enable-unsafe-extension-debugging',
      `--host-resolver-rules=${hostRules}`,
      `--lang=${language}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  return { context, extensionId: new URL(worker.url()).host };
}
