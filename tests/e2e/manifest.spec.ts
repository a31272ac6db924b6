import { expect, test } from '@playwright/test';
import { Person } from './support/person';

/**
 * Pins what the built extension asks of the browser: a new permission, host access or
 * content script must be a deliberate change of this test (and of the README's table).
 */
test('the extension asks for the fewest permissions and injects nothing by itself', async () => {
  const person = await Person.launch('Manifest', 9);
  try {
    const worker = await person.serviceWorker();
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect([...(manifest.permissions ?? [])].sort()).toEqual([
      'activeTab',
      'alarms',
      'contextMenus',
      'notifications',
      'scripting',
      'sidePanel',
      'storage',
    ]);
    // The shortcut is really assigned: Chrome silently drops a suggested key that clashes with
    // one of its own (Alt+Shift+B, the first choice, focuses its bookmarks bar).
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands.find((command) => command.name === 'ask-about-page')?.shortcut).toBe('Alt+Shift+H');
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    // Asked for at run time, only when the person switches on "mark sites I asked about".
    expect(manifest.optional_permissions).toEqual(['tabs']);
    expect(manifest.content_scripts ?? []).toEqual([]);
    // Only the in-page panel's frame, at a URL that changes every session (no fingerprinting).
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['ask-panel.html'], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  } finally {
    await person.close();
  }
});
