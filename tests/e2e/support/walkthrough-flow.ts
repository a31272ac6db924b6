/**
 * A walkthrough from question to replay, with the real recorder and player: Anne asks from her
 * page, Hugo records on his and sends, Anne presses "Show me on my page". Shared by the replay
 * specs (tests/e2e/walkthrough-replay.spec.ts, walkthrough-unsure.spec.ts); each drives the
 * player its own way from there.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Person } from './person';

/** The player's card, in its shadow root (Playwright's locators pierce open shadow roots). */
export const playerCard = (page: Page) => page.locator('binome-player').getByRole('dialog');

/** The outline the player draws, as a box in the page's viewport; null when none is drawn. */
export async function outlineBox(page: Page) {
  return page.locator('binome-player').evaluate((host) => {
    const box = [...(host.shadowRoot?.children ?? [])].find(
      (child) => child.getAttribute('aria-hidden') === 'true',
    ) as HTMLElement;
    if (!box || box.style.display === 'none') return null;
    const rect = box.getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  });
}

/** The outline surrounds `target` (4 px of room on each side), once scrolling has settled. */
export async function expectOutlined(page: Page, target: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const [outline, element] = [await outlineBox(page), await target.boundingBox()];
      if (!outline || !element) return 'no outline';
      const off = Math.max(
        Math.abs(outline.x + 4 - element.x),
        Math.abs(outline.y + 4 - element.y),
        Math.abs(outline.width - 8 - element.width),
        Math.abs(outline.height - 8 - element.height),
      );
      return off < 1.5 ? 'around it' : `off by ${off.toFixed(1)} px`;
    })
    .toBe('around it');
}

/** The asker asks `question` from the ask form opened on `page`, and the form closes. */
export async function askAbout(asker: Person, page: Page, question: string): Promise<void> {
  const askForm = await asker.askFormFor(page);
  await askForm.page.getByLabel('Your question').fill(question);
  await askForm.page.getByRole('button', { name: 'Send my question' }).click();
  await expect(askForm.threadStatus()).toHaveText('Sent, waiting for an answer');
  await askForm.page.close();
}

/**
 * The helper opens the question from `asker` on `page`, presses "Show how on my page", does
 * `steps` on the page (the real recorder records them), and sends the `count` steps recorded.
 */
export async function recordAndSend(
  helper: Person,
  page: Page,
  asker: string,
  count: number,
  steps: () => Promise<void>,
): Promise<void> {
  await expect.poll(() => helper.badgeText(), { timeout: 20_000 }).toBe('1');
  const popup = await helper.popupFor(page);
  await popup.openThread(popup.inboxFrom(asker).first());
  const closed = popup.page.waitForEvent('close');
  await popup.page.getByRole('button', { name: 'Show how on my page' }).click();
  await closed;
  await steps();
  const editor = await helper.popupFor(page);
  await editor.openThread(editor.inboxFrom(asker).first());
  const recorded = editor.page.getByRole('list', { name: 'Steps of the walkthrough' }).getByRole('listitem');
  await expect(recorded).toHaveCount(count, { timeout: 10_000 });
  const stop = editor.page.getByRole('button', { name: 'Stop recording' });
  if (await stop.isVisible()) await stop.click();
  await editor.page.getByRole('button', { name: 'Send the walkthrough' }).click();
  await expect(editor.page.getByText(new RegExp(`A walkthrough of ${count} steps`))).toBeVisible();
  await editor.page.close();
}

/** The asker reads the `count` steps in their thread and presses "Show me on my page" in the popup opened on `page`. */
export async function showMeOn(asker: Person, page: Page, count: number): Promise<Locator> {
  await expect.poll(() => asker.badgeText(), { timeout: 20_000 }).toBe('1');
  const popup = await asker.popupFor(page);
  await popup.tab('My questions').click();
  await popup.openThread(popup.myQuestions().first());
  await expect(popup.page.getByRole('list', { name: 'Steps of the walkthrough' }).getByRole('listitem')).toHaveCount(count);
  const closed = popup.page.waitForEvent('close');
  await popup.page.getByRole('button', { name: 'Show me on my page' }).click();
  await closed;
  const player = playerCard(page);
  await expect(player).toBeVisible();
  return player;
}
