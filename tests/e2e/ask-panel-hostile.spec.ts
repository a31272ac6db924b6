/**
 * The in-page panel on a page that attacks it (tests/fixtures/pages/hostile-page.html): the page
 * records every message it receives, posts forged ready, close and port messages to every frame
 * and to itself, tries to read the frames' addresses, and navigates the panel's frame to its own
 * look-alike form. It must learn nothing of Binôme, fake nothing, and never get the person's typing.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

test.use({ askerAtDesktop: true });

interface Seen {
  messages: { where: string; origin: string; forged: boolean; ports: number; data: string }[];
  locationReads: string[];
  frameHandles: number;
  fakesPosted: number;
  lookalikeLoads: number;
  lookalikeKeys: string;
}

declare global {
  interface Window {
    hostile: Seen;
    lookalikeUrl: string;
    takeTheFrames(): number;
    everythingReadable(): string;
  }
}

const seen = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify(window.hostile)) as Seen);

/** Waits until the page has forged a few more rounds of messages from now on. */
async function pageForgesAgain(page: Page, rounds = 3): Promise<void> {
  const before = (await seen(page)).fakesPosted;
  await expect.poll(async () => (await seen(page)).fakesPosted).toBeGreaterThanOrEqual(before + rounds);
}

test('a hostile page learns nothing from the panel, cannot fake it, and loses it when its frame changes document', async ({
  pair,
}) => {
  const { asker } = pair;
  const page = await asker.context.newPage();
  await page.goto(pair.fixtureUrl('hostile-page.html'));

  await asker.pressShortcut(page);
  const panel = await asker.askPanelIn(page);
  // Shown and given the keyboard although the page forged "ready", "close" and ports all along.
  await expect(panel.question()).toBeFocused();
  await pageForgesAgain(page);
  await asker.typeText(page, 'Our Q3 numbers are wrong');
  await expect(panel.question()).toHaveValue('Our Q3 numbers are wrong');
  await expect(page.locator('binome-ask-panel')).toBeVisible();

  // Nothing reached the page but its own forgeries; it holds no frame and reads nothing naming the extension.
  const panelFrame = page.frames().find((frame) => frame.url().includes('/ask-panel.html'))!;
  const before = await seen(page);
  expect.soft(before.messages.filter((message) => !message.forged)).toEqual([]);
  expect.soft(before.frameHandles).toBe(0);
  expect.soft(before.locationReads).toEqual([]);
  const readable = await page.evaluate(() => window.everythingReadable());
  for (const secret of [asker.extensionId, new URL(panelFrame.url()).host, 'chrome-extension:'])
    expect.soft(readable).not.toContain(secret);

  // The page puts its look-alike form where the panel was, through any frame it holds; the browser
  // does it too, as a page holding a handle would: the panel goes with its document.
  const lookalikeUrl = await page.evaluate(() => window.lookalikeUrl);
  await page.evaluate(() => window.takeTheFrames());
  await panelFrame.goto(lookalikeUrl).catch(() => undefined);
  await expect(page.locator('binome-ask-panel')).toHaveCount(0);
  await expect.poll(() => page.frames().length).toBe(1);
  await asker.typeText(page, 'my password');
  expect((await seen(page)).lookalikeKeys).toBe('');
});
