import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';

/** What `wxt build -b firefox` writes: Firefox gets the MV2 build (background page, browserAction, sidebar_action). */
export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/firefox-mv2', import.meta.url));

/**
 * The Firefox the tests drive: FIREFOX_PATH when set, else Debian's firefox-esr. A missing browser fails the
 * run with what to install: CI installs it (.ci/run), so a skip there would hide a Firefox that was never tested.
 */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Firefox found for the Firefox end-to-end tests. Install Debian\'s "firefox-esr" package (sudo apt-get install firefox-esr) or set FIREFOX_PATH to a Firefox binary.',
    );
  }
  return found;
}

/** The add-on id of the built Firefox manifest (browser_specific_settings.gecko.id). */
export function builtAddonId(): string {
  const manifestPath = `${FIREFOX_EXTENSION_DIR}/manifest.json`;
  if (!existsSync(manifestPath))
    throw new Error(`No Firefox build in ${FIREFOX_EXTENSION_DIR}: run "npx wxt build -b firefox" first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error('The Firefox manifest has no browser_specific_settings.gecko.id');
  return id;
}

/**
 * A fresh Firefox profile, headless, driven over WebDriver BiDi.
 * - `extensions.webextensions.uuids` pins the add-on's internal UUID, so its pages have a known
 *   moz-extension:// origin (Firefox otherwise draws one per profile, shown only in about:debugging,
 *   a parent-process page that BiDi cannot script).
 * - `--remote-allow-system-access`: without it Firefox refuses WebDriver navigation to moz-extension://
 *   pages, and it lets the test reach the browser's own window ("chrome" scope) to press the toolbar button.
 * - `network.dns.localDomains` resolves the real tools' hostnames to this computer, where the fixture
 *   server answers (Chromium's --host-resolver-rules; here the port stays in the URL).
 */
export async function launchFirefox(options: { addonUuid: string; localHosts: string[] }): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [builtAddonId()]: options.addonUuid }),
      'network.dns.localDomains': options.localHosts.join(','),
      // The fixture pages are plain http under real hostnames: no upgrade attempt to https first.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'intl.locale.requested': 'en-US',
      'intl.accept_languages': 'en-US, en',
    },
  });
}
