/**
 * The capture building blocks in real Chromium: the element picker injected into a page
 * the person clicked Binôme on, and the screenshot renderer (bundled from lib/capture/screenshot.ts
 * with esbuild into a fixture page, as the extension's own pages cannot be scripted from here).
 */
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { PickerResult } from '../../lib/messaging/picker-to-background';
import type * as Screenshot from '../../lib/capture/screenshot';
import { startFixtureServer } from './support/fixture-server';
import { Person } from './support/person';

type Fixtures = Awaited<ReturnType<typeof startFixtureServer>>;
declare global {
  interface Window {
    received: string[];
    binomeScreenshot: typeof Screenshot;
  }
}

let fixtures: Fixtures;
let person: Person;

test.beforeAll(async () => {
  fixtures = await startFixtureServer();
  person = await Person.launch('Picker', fixtures.port);
});

test.afterAll(async () => {
  await person?.close();
  await fixtures?.close();
});

async function openTarget(): Promise<Page> {
  const page = await person.context.newPage();
  await page.goto(`http://127.0.0.1:${fixtures.port}/capture-target.html`);
  return page;
}

async function tabIdOf(page: Page): Promise<number> {
  const worker = await person.serviceWorker();
  const tabId = await worker.evaluate(
    async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
    page.url(),
  );
  if (tabId === undefined) throw new Error(`No tab for ${page.url()}`);
  return tabId;
}

/**
 * Clicks Binôme's button (activeTab) and injects the picker; once it is up, gives the
 * pending script result (wrapped: an async function would wait for a returned promise).
 */
async function injectPicker(page: Page): Promise<{ result: Promise<PickerResult> }> {
  await person.clickToolbarButton(page);
  const tabId = await tabIdOf(page);
  const worker = await person.serviceWorker();
  const result = worker.evaluate(async (tabId) => {
    const [injection] = await chrome.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
    return injection?.result as PickerResult;
  }, tabId);
  await expect(page.locator('binome-picker')).toHaveCount(1);
  return { result };
}

/**
 * Event listeners on window and document in the page's own JavaScript world and in the
 * extension's isolated world, counted through DevTools. Playwright's are left out: it adds
 * some of its own when it clicks (its utility world, and a script marked by a
 * `__playwright_global_listeners_check__` listener).
 */
async function listenerCounts(page: Page): Promise<{ window: number; document: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: number[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (!context.name.startsWith('__playwright')) contexts.push(context.id);
    });
    await cdp.send('Runtime.enable'); // reports the contexts that already exist
    const count = async (expression: string) => {
      let total = 0;
      for (const contextId of contexts) {
        const { result } = await cdp.send('Runtime.evaluate', { expression, contextId });
        if (!result.objectId) continue;
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
        const playwright = new Set(
          listeners.filter((listener) => listener.type.startsWith('__playwright')).map((listener) => listener.scriptId),
        );
        total += listeners.filter((listener) => !playwright.has(listener.scriptId)).length;
      }
      return total;
    };
    return { window: await count('window'), document: await count('document') };
  } finally {
    await cdp.detach();
  }
}

const elementCount = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

test.describe('element picker', () => {
  test('hover highlights, a click picks and describes the element; the page never gets the click; nothing is left', async () => {
    const page = await openTarget();
    const elementsBefore = await elementCount(page);
    const listenersBefore = await listenerCounts(page);
    const worker = await person.serviceWorker();
    await worker.evaluate(() => {
      const scope = globalThis as unknown as { pickerMessages: unknown[] };
      scope.pickerMessages = [];
      chrome.runtime.onMessage.addListener((message, sender) => {
        if (sender.tab) scope.pickerMessages.push(message);
        return false;
      });
    });

    const { result: picking } = await injectPicker(page);
    expect((await listenerCounts(page)).window).toBeGreaterThan(listenersBefore.window);
    const overlay = page.locator('binome-picker');
    await expect(overlay.getByRole('dialog', { name: 'Point at the part of the page' })).toBeVisible();
    await expect(overlay.getByText('Click the part of the page your question is about. Esc to cancel.')).toBeVisible();

    const save = (await page.locator('#save').boundingBox())!;
    await page.mouse.move(save.x + save.width / 2, save.y + save.height / 2, { steps: 4 });
    // The outline and its caption are drawn in the shadow root, around the button.
    await expect(overlay.getByText('Save budget', { exact: true })).toBeVisible();
    expect(await page.locator('#save').evaluate((button) => button.getAttribute('style'))).toBeNull();
    await page.mouse.click(save.x + save.width / 2, save.y + save.height / 2);

    const result = await picking;
    expect(result.type).toBe('content:element-picked');
    if (result.type !== 'content:element-picked') return;
    const { description } = result;
    expect(description).toMatchObject({
      role: 'button',
      name: 'Save budget',
      text: 'Save budget',
      id: 'save',
      tag: 'button',
      cssPath: '#save',
      dataAttributes: { 'data-testid': 'save-button', 'data-action': 'save' },
      devicePixelRatio: 1,
      viewport: { width: 1280, height: 720 },
    });
    expect(description.rect.x).toBeCloseTo(save.x, 0);
    expect(description.rect.y).toBeCloseTo(save.y, 0);
    expect(description.rect.width).toBeCloseTo(save.width, 0);
    expect(description.rect.height).toBeCloseTo(save.height, 0);
    expect(await page.evaluate((path) => document.querySelector(path)?.id, description.cssPath)).toBe('save');

    // The page saw neither the gesture nor the click, and got back to the state it was in.
    expect(await page.evaluate(() => window.received)).toEqual([]);
    await expect(overlay).toHaveCount(0);
    expect(await elementCount(page)).toBe(elementsBefore);
    expect(await listenerCounts(page)).toEqual(listenersBefore);
    // The same answer went out as a message, for a caller that went away meanwhile.
    await expect
      .poll(() => worker.evaluate(() => (globalThis as unknown as { pickerMessages: unknown[] }).pickerMessages))
      .toEqual([result]);

    // The page works as before.
    await page.locator('#save').click();
    expect(await page.evaluate(() => window.received)).toContain('button:Save budget');
    await page.close();
  });

  test('an element without id among identical siblings gets a path to itself', async () => {
    const page = await openTarget();
    const { result: picking } = await injectPicker(page);
    const lastShare = page.locator('.toolbar button').nth(2);
    const box = (await lastShare.boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.click(box.x + 5, box.y + 5);
    const result = await picking;
    if (result.type !== 'content:element-picked') throw new Error('Nothing picked');
    expect(result.description).toMatchObject({ role: 'button', name: 'Share', id: '' });
    expect(result.description.cssPath).toBe('body > div > button:nth-of-type(3)');
    expect(
      await page.evaluate(
        (path) => document.querySelector(path) === document.querySelectorAll('.toolbar button')[2],
        result.description.cssPath,
      ),
    ).toBe(true);
    await page.close();
  });

  test('Esc cancels, the Cancel button cancels, and a second injection reuses the running picker', async () => {
    const page = await openTarget();
    const elementsBefore = await elementCount(page);
    const listenersBefore = await listenerCounts(page);

    const { result: first } = await injectPicker(page);
    const { result: second } = await injectPicker(page);
    await expect(page.locator('binome-picker')).toHaveCount(1);
    await page.keyboard.press('Escape');
    expect(await first).toEqual({ type: 'content:pick-cancelled' });
    expect(await second).toEqual({ type: 'content:pick-cancelled' });
    await expect(page.locator('binome-picker')).toHaveCount(0);

    const { result: third } = await injectPicker(page);
    await page.locator('binome-picker').getByRole('button', { name: 'Cancel' }).click();
    expect(await third).toEqual({ type: 'content:pick-cancelled' });

    await expect(page.locator('binome-picker')).toHaveCount(0);
    expect(await page.evaluate(() => window.received)).toEqual([]);
    expect(await elementCount(page)).toBe(elementsBefore);
    expect(await listenerCounts(page)).toEqual(listenersBefore);
    await page.close();
  });

  test("speaks the browser's language", async () => {
    const french = await Person.launch('Picker FR', fixtures.port, 'fr');
    try {
      const page = await french.context.newPage();
      await page.goto(`http://127.0.0.1:${fixtures.port}/capture-target.html`);
      await french.clickToolbarButton(page);
      const worker = await french.serviceWorker();
      const tabId = await worker.evaluate(
        async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
        page.url(),
      );
      const picking = worker.evaluate(async (tabId) => {
        const [injection] = await chrome.scripting.executeScript({ target: { tabId: tabId! }, files: ['/picker.js'] });
        return injection?.result as PickerResult;
      }, tabId);
      const overlay = page.locator('binome-picker');
      await expect(
        overlay.getByText('Cliquez sur la partie de la page qui concerne votre question. Échap pour annuler.'),
      ).toBeVisible();
      await overlay.getByRole('button', { name: 'Annuler' }).click();
      expect(await picking).toEqual({ type: 'content:pick-cancelled' });
    } finally {
      await french.close();
    }
  });

  test('works without a mouse: Tab and the arrow keys move the frame, Enter picks', async () => {
    const page = await openTarget();
    const { result: picking } = await injectPicker(page);
    const status = page.locator('binome-picker').getByRole('status');
    await page.keyboard.press('Tab');
    await expect(status).toHaveText('Framed: Share. Press Enter to choose it.');
    await page.keyboard.press('Tab');
    await expect(status).toHaveText('Framed: Save budget. Press Enter to choose it.');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('Framed: Team expenses. Press Enter to choose it.');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+Tab');
    await expect(status).toHaveText('Framed: Save budget. Press Enter to choose it.');
    await page.keyboard.press('Enter');
    const result = await picking;
    if (result.type !== 'content:element-picked') throw new Error('Nothing picked');
    expect(result.description).toMatchObject({ id: 'save', role: 'button', name: 'Save budget' });
    expect(await page.evaluate(() => window.received)).toEqual([]);
    await page.close();
  });
});

test.describe('screenshot', () => {
  let bundle: string;

  test.beforeAll(async () => {
    const built = await build({
      entryPoints: [fileURLToPath(new URL('../../lib/capture/screenshot.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: 'binomeScreenshot',
      target: 'es2022',
      write: false,
    });
    bundle = built.outputFiles[0]!.text;
  });

  async function rendererPage(): Promise<Page> {
    const page = await person.context.newPage();
    await page.goto(`http://127.0.0.1:${fixtures.port}/capture-target.html`);
    await page.addScriptTag({ content: bundle });
    return page;
  }

  for (const type of ['image/jpeg', 'image/webp'] as const) {
    test(`a redacted rectangle is black to its edges in the ${type} sent; the rest is not`, async () => {
      const page = await rendererPage();
      const report = await page.evaluate(async (type) => {
        const { renderScreenshot, blobToBase64, base64ToBlob } = window.binomeScreenshot;
        // 3000 × 2000, white, with coloured squares and dark text: the worst case for edges.
        const canvas = new OffscreenCanvas(3000, 2000);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, 3000, 2000);
        const colours = ['#ff0000', '#00b000', '#0000ff', '#ffcc00', '#00e0e0', '#ff00ff'];
        for (let index = 0; index < 40; index++) {
          context.fillStyle = colours[index % colours.length]!;
          context.fillRect(100 + ((index * 397) % 2700), 100 + ((index * 613) % 1700), 120, 120);
        }
        context.fillStyle = '#ff0000';
        context.fillRect(1100, 800, 300, 150); // under the black box
        context.fillStyle = '#111';
        context.font = '40px sans-serif';
        context.fillText('Salary 52 000 €', 1010, 760);
        const source = canvas.transferToImageBitmap();

        const redaction = { x: 1000.3, y: 700.7, width: 500.5, height: 333.3 };
        const outline = { x: 2000, y: 1400, width: 400, height: 200 };
        const blob = await renderScreenshot({ source, redactions: [redaction], outline, type });
        const image = await createImageBitmap(blob);
        const check = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
        check.drawImage(image, 0, 0);
        const pixels = (x: number, y: number, width: number, height: number) => check.getImageData(x, y, width, height).data;
        const max = (data: Uint8ClampedArray) => {
          let value = 0;
          for (let index = 0; index < data.length; index += 4)
            value = Math.max(value, data[index]!, data[index + 1]!, data[index + 2]!);
          return value;
        };
        const minOfMax = (data: Uint8ClampedArray) => {
          let value = 255;
          for (let index = 0; index < data.length; index += 4)
            value = Math.min(value, Math.max(data[index]!, data[index + 1]!, data[index + 2]!));
          return value;
        };
        // Every output pixel the rectangle touches, edges included.
        const scale = image.width / 3000;
        const x0 = Math.floor(redaction.x * scale);
        const y0 = Math.floor(redaction.y * scale);
        const x1 = Math.ceil((redaction.x + redaction.width) * scale);
        const y1 = Math.ceil((redaction.y + redaction.height) * scale);
        // A band 24 to 40 px outside, on white: not black (the box grows by at most 17 px).
        const outside = [
          pixels(x0 - 40, y0 - 40, x1 - x0 + 80, 16),
          pixels(x0 - 40, y1 + 24, x1 - x0 + 80, 16),
          pixels(x0 - 40, y0, 16, y1 - y0),
          pixels(x1 + 24, y0, 16, y1 - y0),
        ];
        // The outline: a band just outside the element's box, in its colour.
        const band = pixels(Math.round(2000 * scale) - 3, Math.round(1500 * scale), 1, 1);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const roundTrip = new Uint8Array(await base64ToBlob(await blobToBase64(blob), blob.type).arrayBuffer());
        return {
          width: image.width,
          height: image.height,
          type: blob.type,
          size: blob.size,
          insideMax: max(pixels(x0, y0, x1 - x0, y1 - y0)),
          outsideMin: Math.min(...outside.map(minOfMax)),
          band: Array.from(band.slice(0, 3)),
          roundTrip: roundTrip.length === bytes.length && roundTrip.every((byte, index) => byte === bytes[index]),
        };
      }, type);

      test.info().annotations.push({ type: 'size', description: `${type} 1600 × 1067 test pattern: ${report.size} bytes` });
      expect(report.type).toBe(type);
      expect(Math.max(report.width, report.height)).toBe(1600);
      expect(report.height).toBe(1067);
      expect(report.insideMax).toBeLessThanOrEqual(8);
      expect(report.outsideMin).toBeGreaterThan(200);
      const [red, green, blue] = report.band as [number, number, number];
      expect(red).toBeGreaterThan(180);
      expect(green).toBeLessThan(90);
      expect(blue).toBeGreaterThan(60);
      expect(report.roundTrip).toBe(true);
      await page.close();
    });
  }

  test('a real capture of a picked element: scaled, outlined where the element is, the salary blacked out', async () => {
    const page = await openTarget();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const { result: picking } = await injectPicker(page);
    const save = (await page.locator('#save').boundingBox())!;
    await page.mouse.click(save.x + 4, save.y + 4);
    const result = await picking;
    if (result.type !== 'content:element-picked') throw new Error('Nothing picked');
    const salary = (await page.locator('.salary').boundingBox())!;

    await page.bringToFront();
    const worker = await person.serviceWorker();
    const windowId = await worker.evaluate(
      async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.windowId,
      page.url(),
    );
    const dataUrl = await worker.evaluate((windowId) => chrome.tabs.captureVisibleTab(windowId!, { format: 'png' }), windowId);

    const renderer = await rendererPage();
    const report = await renderer.evaluate(
      async ({ dataUrl, description, salary }) => {
        const { loadImage, renderScreenshot, viewportRectToImage } = window.binomeScreenshot;
        const source = await loadImage(dataUrl);
        const toImage = (rect: { x: number; y: number; width: number; height: number }) =>
          viewportRectToImage(rect, description.viewport, description.devicePixelRatio, source);
        const redaction = toImage(salary);
        const outline = toImage(description.rect);
        const sizes: Record<string, number> = {};
        let jpeg: Blob | null = null;
        for (const type of ['image/jpeg', 'image/webp'] as const) {
          const blob = await renderScreenshot({ source, redactions: [redaction], outline, type, maxEdge: 1600 });
          sizes[type] = blob.size;
          if (type === 'image/jpeg') jpeg = blob;
        }
        const image = await createImageBitmap(jpeg!);
        const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
        context.drawImage(image, 0, 0);
        const scale = image.width / source.width;
        const inside = context.getImageData(
          Math.floor(redaction.x * scale),
          Math.floor(redaction.y * scale),
          Math.ceil(redaction.width * scale),
          Math.ceil(redaction.height * scale),
        ).data;
        let insideMax = 0;
        for (let index = 0; index < inside.length; index += 4)
          insideMax = Math.max(insideMax, inside[index]!, inside[index + 1]!, inside[index + 2]!);
        const left = context.getImageData(
          Math.round(outline.x * scale) - 3,
          Math.round((outline.y + outline.height / 2) * scale),
          1,
          1,
        ).data;
        return {
          source: [source.width, source.height],
          output: [image.width, image.height],
          sizes,
          insideMax,
          left: Array.from(left.slice(0, 3)),
        };
      },
      { dataUrl, description: result.description, salary },
    );
    test.info().annotations.push({
      type: 'size',
      description: `real capture ${report.source.join(' × ')} → ${report.output.join(' × ')}: ${JSON.stringify(report.sizes)}`,
    });
    expect(report.source).toEqual([1920, 1080]);
    expect(report.output).toEqual([1600, 900]);
    expect(report.insideMax).toBeLessThanOrEqual(8);
    const [red, green, blue] = report.left as [number, number, number];
    expect(red).toBeGreaterThan(180);
    expect(green).toBeLessThan(90);
    expect(blue).toBeGreaterThan(60);
    await renderer.close();
    await page.close();
  });
});

test.describe('redaction editor', () => {
  let bundle: string;

  /** The editor on its own, in Preact as in the extension, with English messages. */
  test.beforeAll(async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const messages = fileURLToPath(new URL('../../public/_locales/en/messages.json', import.meta.url));
    const built = await build({
      stdin: {
        contents: `
          import { h, render } from 'preact';
          import { useState } from 'preact/hooks';
          import { RedactionEditor } from './components/RedactionEditor';
          const canvas = document.createElement('canvas');
          canvas.width = 1600; canvas.height = 900;
          const context = canvas.getContext('2d');
          context.fillStyle = '#fff'; context.fillRect(0, 0, 1600, 900);
          context.fillStyle = '#d00'; context.fillRect(600, 300, 400, 200);
          function App() {
            const [redactions, setRedactions] = useState([]);
            window.redactions = redactions;
            return h('div', { style: 'width: 800px; padding: 16px' },
              h(RedactionEditor, { image: canvas.toDataURL(), width: 1600, height: 900, redactions, onChange: setRedactions,
                outline: { x: 100, y: 100, width: 200, height: 100 } }));
          }
          document.body.replaceChildren();
          render(h(App, {}), document.body);`,
        resolveDir: root,
        loader: 'tsx',
      },
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      jsx: 'automatic',
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
      plugins: [
        {
          name: 'english-browser',
          setup(build) {
            build.onResolve({ filter: /^wxt\/browser$/ }, () => ({ path: 'wxt-browser', namespace: 'stub' }));
            build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
              resolveDir: root,
              contents: `
                import messages from ${JSON.stringify(messages)};
                export const browser = { i18n: {
                  getUILanguage: () => 'en',
                  getMessage: (key, substitutions) => {
                    const values = [].concat(substitutions ?? []);
                    return (messages[key]?.message ?? '').replace(/\\$(\\d)/g, (_, n) => values[n - 1] ?? '');
                  },
                } };`,
            }));
          },
        },
      ],
    });
    bundle = built.outputFiles[0]!.text;
  });

  const redactions = (page: Page) => page.evaluate(() => (window as unknown as { redactions: Screenshot.Rect[] }).redactions);

  test('boxes are added, moved, resized and removed with the keyboard, drawn with the mouse, undone', async () => {
    const page = await person.context.newPage();
    await page.goto(`http://127.0.0.1:${fixtures.port}/capture-target.html`);
    await page.addScriptTag({ content: bundle });
    const editor = page.getByRole('region', { name: 'Hide parts of the picture' });
    await expect(editor.getByRole('img', { name: 'Screenshot of the page, as your buddy will see it' })).toBeVisible();
    await expect(editor.getByRole('status')).toHaveText('No black box: the whole picture will be sent.');

    await editor.getByRole('button', { name: 'Add a black box' }).click();
    const first = editor.getByRole('button', { name: 'Black box 1 of 1' });
    await expect(first).toBeFocused();
    expect(await redactions(page)).toEqual([{ x: 600, y: 382.5, width: 400, height: 135 }]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    // One step is 1 % of the long edge: 16 source pixels here.
    expect(await redactions(page)).toEqual([{ x: 632, y: 366.5, width: 416, height: 151 }]);
    expect(await first.evaluate((box) => getComputedStyle(box).backgroundColor)).toBe('rgb(0, 0, 0)');

    // Drawn with the mouse: the preview is 800 px wide for 1600 source pixels.
    const image = (await editor.getByRole('img').boundingBox())!;
    await page.mouse.move(image.x + 20, image.y + 300);
    await page.mouse.down();
    await page.mouse.move(image.x + 120, image.y + 340, { steps: 5 });
    await page.mouse.up();
    const [, drawn] = await redactions(page);
    expect(drawn!.x).toBeCloseTo(40, 0);
    expect(drawn!.y).toBeCloseTo(600, 0);
    expect(drawn!.width).toBeCloseTo(200, 0);
    expect(drawn!.height).toBeCloseTo(80, 0);
    await expect(editor.getByRole('button', { name: /^Black box \d of 2$/ })).toHaveCount(2);
    // Shown where it will be black in the picture sent: at least what was drawn.
    const shown = (await editor.getByRole('button', { name: 'Black box 2 of 2' }).boundingBox())!;
    expect(shown.x).toBeLessThanOrEqual(image.x + 20);
    expect(shown.x + shown.width).toBeGreaterThanOrEqual(image.x + 120);

    // Tab goes from box to box.
    await editor.getByRole('button', { name: 'Black box 1 of 2' }).focus();
    await page.keyboard.press('Tab');
    await expect(editor.getByRole('button', { name: 'Black box 2 of 2' })).toBeFocused();

    // Dragged with the mouse: 50 preview pixels right is 100 source pixels.
    const before = (await redactions(page))[0]!;
    const box = (await editor.getByRole('button', { name: 'Black box 1 of 2' }).boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 10, { steps: 5 });
    await page.mouse.up();
    const moved = (await redactions(page))[0]!;
    expect(moved.x - before.x).toBeCloseTo(100, 0);
    expect(moved.y).toBeCloseTo(before.y, 0);
    expect(moved.width).toBe(before.width);

    await editor.getByRole('button', { name: 'Black box 2 of 2' }).focus();
    await page.keyboard.press('Delete');
    await expect(editor.getByRole('button', { name: 'Black box 1 of 1' })).toBeFocused();
    await expect(editor.getByRole('status')).toHaveText('Black box removed. Black boxes: 1');
    await editor.getByRole('button', { name: 'Undo' }).click();
    expect(await redactions(page)).toHaveLength(2);
    await editor.getByRole('button', { name: 'Remove all black boxes' }).click();
    expect(await redactions(page)).toEqual([]);
    await editor.getByRole('button', { name: 'Undo' }).click();
    expect(await redactions(page)).toHaveLength(2);
    await page.close();
  });
});
