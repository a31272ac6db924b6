import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { startFixtureServer } from './support/fixture-server';
import { messageIn } from './support/messages';
import { Person } from './support/person';
import { freePort, RelayProcess } from './support/relay-process';

/**
 * What stands at a wrong address: under /other-site/ a website that is not Binôme, under /refuse/
 * something that refuses (a company firewall's 403). Both let the extension read their answer
 * (CORS), as a refusal the browser hides would only look like "nothing answers".
 */
async function startWrongServers(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
    };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (request.url?.startsWith('/refuse/')) {
      return void response.writeHead(403, { ...cors, 'content-type': 'text/html' }).end('<h1>Blocked by policy</h1>');
    }
    response.writeHead(200, { ...cors, 'content-type': 'text/html' }).end('<h1>Welcome to our intranet</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const say = (key: string, ...substitutions: string[]) => messageIn('en', key, ...substitutions);

test('settings that do not trap: a typed name pairs without Save, each failure has its own sentence, errors go when fixed', async () => {
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const wrong = await startWrongServers();
  const nothingThere = `127.0.0.1:${await freePort()}`;
  const anne = await Person.launch('Anne Settings', fixtures.port);
  try {
    const options = await anne.options();
    // Typed, never saved.
    await options.nameField().fill('Anne Martin');

    const sentences: string[] = [];
    for (const [address, key] of [
      ['binome acme com', 'error_bad_relay_url'],
      [`${wrong.url}/other-site`, 'error_wrong_address'],
      [nothingThere, 'error_network'],
      [`${wrong.url}/refuse`, 'error_refused'],
    ] as const) {
      await options.relayField().fill(address);
      // The last error was about the address before this one: it went as the person typed.
      await expect(options.alert()).toHaveCount(0);
      await options.pressCreateInvite();
      await expect(options.alert()).toHaveText(say(key));
      sentences.push((await options.alert().textContent())!);
    }
    expect(new Set(sentences).size).toBe(4);
    await expect(options.page.getByText(say('error_no_name'))).toHaveCount(0);

    // The real server, typed as people read it, without http://.
    await options.relayField().fill(relay.url.replace(/^http:\/\//, ''));
    await options.pressCreateInvite();
    await expect(options.inviteCode()).toHaveText(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    await expect(options.alert()).toHaveCount(0);
    await expect(options.relayField()).toHaveValue(relay.url);

    // Both were saved by the pairing button: a new page shows them.
    const again = await anne.options();
    await expect(again.nameField()).toHaveValue('Anne Martin');
    await expect(again.relayField()).toHaveValue(relay.url);
  } finally {
    await anne.close();
    await wrong.close();
    await relay.dispose();
    await fixtures.close();
  }
});

test('an English browser that picks Français gets Binôme in French everywhere, and back with the browser’s language', async () => {
  const fixtures = await startFixtureServer();
  const anne = await Person.launch('Anne Langue', fixtures.port, 'en');
  const worker = await anne.serviceWorker();
  const toolbarTooltip = () => worker.evaluate(() => chrome.action.getTitle({}));
  try {
    const options = await anne.options();
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText(say('options_title'));
    // Typed before the switch: the page redraws in place and keeps it.
    await options.nameField().fill('Anne Martin');

    await options.chooseLanguage('Français');
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText(messageIn('fr', 'options_title'));
    await expect(options.page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(options.page.getByLabel(messageIn('fr', 'profile_name_label'))).toHaveValue('Anne Martin');
    // The background's own words: the toolbar button's tooltip (its notifications and menu follow the same choice).
    await expect.poll(toolbarTooltip).toBe(messageIn('fr', 'action_title'));

    mkdirSync('.tmp', { recursive: true });
    await options.page.screenshot({ path: '.tmp/settings-language-fr.png', fullPage: true });

    const popup = await anne.popup();
    await expect(popup.page.getByRole('button', { name: messageIn('fr', 'welcome_setup') })).toBeVisible();
    await expect(popup.page.locator('html')).toHaveAttribute('lang', 'fr');
    await options.chooseLanguage('La langue du navigateur');
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText(say('options_title'));
    await expect(options.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(toolbarTooltip).toBe(say('action_title'));
    await expect(popup.page.getByRole('button', { name: say('welcome_setup') })).toBeVisible();
    const reopened = await anne.popup();
    await expect(reopened.page.getByRole('button', { name: say('welcome_setup') })).toBeVisible();
  } finally {
    await anne.close();
    await fixtures.close();
  }
});
