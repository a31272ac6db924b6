/**
 * The gate itself can fail: a control without a name, a target too small, and the same inside a
 * frame hidden in a closed shadow root (where Binôme's in-page panel lives) are all reported.
 * The faults are put into a live page by the test; nothing of them is in the extension.
 */
import { expect, test } from '@playwright/test';
import { accessibilityProblems } from './support/axe';
import { startFixtureServer } from './support/fixture-server';
import { Person } from './support/person';

/** A button with no name, and a named one 10 px square next to another (WCAG 2.5.8 wants 24 px). */
const FAULTS = `
  <button type="button" id="nameless"></button>
  <p><button type="button" style="all: unset; width: 10px; height: 10px; display: inline-block">x</button><button type="button" style="all: unset; width: 10px; height: 10px; display: inline-block">y</button></p>
`;

test('the accessibility gate reports injected faults, in a page and in a frame inside a closed shadow root', async () => {
  const fixtures = await startFixtureServer();
  const person = await Person.launch('Gate', fixtures.port);
  try {
    const options = await person.options();
    const page = options.page;
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await accessibilityProblems(page, 'settings')).toEqual([]);

    await page.evaluate((faults) => document.querySelector('main')!.insertAdjacentHTML('beforeend', faults), FAULTS);
    const inPage = await accessibilityProblems(page, 'settings with faults', ['light']);
    expect(inPage).toContainEqual(expect.stringMatching(/^settings with faults \(light\): button-name at #nameless: /));
    expect(inPage).toContainEqual(expect.stringMatching(/^settings with faults \(light\): target-size at /));

    // A frame in a closed shadow root, as the in-page panel is put into someone else's page.
    await page.evaluate((src) => {
      const host = document.createElement('div');
      const frame = document.createElement('iframe');
      frame.title = 'Hidden frame';
      frame.src = src;
      host.attachShadow({ mode: 'closed' }).append(frame);
      document.body.append(host);
    }, `chrome-extension://${person.extensionId}/welcome.html`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1]!;
    await frame.waitForLoadState();
    await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
    await frame.evaluate((faults) => document.body.insertAdjacentHTML('beforeend', faults), FAULTS);
    const inFrame = await accessibilityProblems(frame, 'hidden frame', ['light']);
    expect(inFrame).toContainEqual(expect.stringMatching(/^hidden frame \(light\): button-name at #nameless: /));
    // The host page's own analysis cannot see into the shadow root: why the frame is analysed on its own.
    await page.evaluate(() => document.getElementById('nameless')?.remove());
    const hostOnly = await accessibilityProblems(page, 'host', ['light']);
    expect(hostOnly.filter((problem) => problem.includes('button-name'))).toEqual([]);
  } finally {
    await person.close();
    await fixtures.close();
  }
});
