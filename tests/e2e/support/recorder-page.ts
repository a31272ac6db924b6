import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** The recording bar Binôme puts into the helper's page, and the editor in the popup's thread view. */
export class RecorderBar {
  constructor(readonly page: Page) {}

  bar(): Locator {
    return this.page.getByRole('region', { name: 'Binôme is recording your steps' });
  }

  async expectSteps(count: number): Promise<void> {
    await expect(this.bar().getByRole('status')).toHaveText(`${count} step${count === 1 ? '' : 's'} so far`);
  }

  /** Finish in the bar: the bar goes, and Binôme opens the thread (the toolbar popup, else a tab). */
  async finish(context: BrowserContext, extensionId: string, finishLabel = 'Finish'): Promise<RecordingEditor> {
    const popup = await pageOpenedBy(context, extensionId, () => this.bar().getByRole('button', { name: finishLabel }).click());
    await expect(this.page.locator('binome-recorder')).toHaveCount(0);
    if (!popup) throw new Error('Finish opened no page of Binôme (neither the toolbar popup nor a tab)');
    return new RecordingEditor(popup);
  }
}

export class RecordingEditor {
  constructor(readonly page: Page) {}

  editor(): Locator {
    return this.page.getByRole('region', { name: 'Your walkthrough' });
  }

  steps(): Locator {
    return this.editor().getByRole('list', { name: 'Steps of the walkthrough' }).getByRole('listitem');
  }

  caption(step: number): Locator {
    return this.editor().getByLabel(new RegExp(`^Step ${step} \\(`));
  }

  async captions(): Promise<string[]> {
    const count = await this.steps().count();
    const captions: string[] = [];
    for (let step = 1; step <= count; step++) captions.push(await this.caption(step).inputValue());
    return captions;
  }

  async moveUp(step: number): Promise<void> {
    await this.editor()
      .getByRole('button', { name: `Move step ${step} up` })
      .click();
  }

  async remove(step: number): Promise<void> {
    await this.editor()
      .getByRole('button', { name: `Delete step ${step}` })
      .click();
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send the walkthrough' }).click();
  }
}

/** Everything an extension page's IndexedDB holds, every store, as JSON text (Blobs left out). */
export function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const open = indexedDB.open('binome');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let text = '';
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      text += JSON.stringify({ [name]: rows }, (_, value) => (value instanceof Blob ? '[blob]' : value));
    }
    db.close();
    return text;
  });
}

/**
 * The page of Binôme (popup.html) that `action` opens, or null after 20 s: bounded, so that a
 * screenshot run without a test timeout can never wait for ever.
 */
export async function pageOpenedBy(
  context: BrowserContext,
  extensionId: string,
  action: () => Promise<void>,
): Promise<Page | null> {
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  const opened = context
    .waitForEvent('page', { predicate: (page) => page.url().startsWith(popupUrl), timeout: 20_000 })
    .catch(() => null);
  await action();
  const page = await opened;
  await page?.waitForLoadState();
  return page;
}
