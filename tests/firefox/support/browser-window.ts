import type { Browser } from 'puppeteer-core';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

/**
 * Firefox's own window (browser.xhtml, the "chrome" scope of WebDriver BiDi, open to a session started
 * with --remote-allow-system-access). What a person does there — pressing the add-on's toolbar button —
 * has no WebDriver command: the test calls what the button's click calls.
 */
export class BrowserWindow {
  private constructor(
    private readonly connection: BidiConnection,
    private readonly context: string,
    private readonly addonId: string,
  ) {}

  static async of(browser: Browser, addonId: string): Promise<BrowserWindow> {
    // Puppeteer's BiDi browser keeps its connection public at run time, not in its types.
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const window = result.contexts.find((context: { url: string }) => context.url === 'chrome://browser/content/browser.xhtml');
    if (!window) throw new Error("Firefox's browser window is not reachable over BiDi (was --remote-allow-system-access given?)");
    return new BrowserWindow(connection, window.context, addonId);
  }

  /** Runs `body` (the text of an async function's body) in the browser window, with `extension` and `global` in scope. */
  private async run<T>(body: string): Promise<T> {
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(this.addonId)});
      if (!extension) throw new Error('The add-on is not installed');
      const global = ExtensionParent.apiManager.global;
      ${body}
    })()`;
    const { result } = await this.connection.send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type === 'exception') throw new Error(`In Firefox's window: ${result.exceptionDetails.text}`);
    return result.result.value as T;
  }

  /**
   * The add-on's toolbar button, pressed on the selected tab: what a click does, the activeTab grant
   * included (it opens the popup in a panel too, which WebDriver cannot reach: the test opens its
   * page aimed at the tab instead). Returns that tab's id for the extension.
   */
  async pressToolbarButton(): Promise<number> {
    return this.run<number>(`
      global.browserActionFor(extension).triggerAction(window);
      return global.tabTracker.getId(window.gBrowser.selectedTab);
    `);
  }

  /**
   * The add-on's keyboard shortcut for `command`, pressed on the selected tab: what the key's handler
   * calls (Firefox's ExtensionShortcuts: the activeTab grant, then commands.onCommand). WebDriver's
   * key actions are typed into the page's content; Firefox's add-on shortcuts are keys of its own
   * window, which a page's key events do not reach.
   */
  async pressShortcut(command: string): Promise<void> {
    await this.run(`extension.shortcuts.onCommand(${JSON.stringify(command)});`);
  }

  /**
   * What Firefox took from its machine policies for this add-on (the "3rdparty" entry that
   * about:policies lists, and what storage.managed answers with): null when no policies file was read.
   * As JSON: BiDi would otherwise hand back an object as its own serialisation.
   */
  async extensionPolicy(): Promise<unknown> {
    const json = await this.run<string>(`
      const active = Services.policies.status === Services.policies.ACTIVE;
      return JSON.stringify(active ? Services.policies.getExtensionPolicy(extension.id) : null);
    `);
    return JSON.parse(json);
  }

  /** The badge on the add-on's toolbar button, for every tab (what a person sees next to its icon). */
  async badgeText(): Promise<string> {
    return this.run<string>(`
      return global.browserActionFor(extension).action.getProperty(null, 'badgeText') ?? '';
    `);
  }
}
