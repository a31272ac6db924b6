import type { Frame, Locator, Page } from '@playwright/test';

/** The ask form where the background opened it: in the page (a frame) or in the side panel. */
export class AskPanelPage {
  constructor(readonly root: Frame | Page) {}

  context(): Locator {
    return this.root.getByRole('region', { name: 'The page the question is about' });
  }

  question(): Locator {
    return this.root.getByLabel('Your question');
  }

  async send(question: string): Promise<void> {
    await this.question().fill(question);
    await this.root.getByRole('button', { name: 'Send my question' }).click();
  }

  /** The panel was removed (a frame) or closed (the side panel). */
  isGone(): boolean {
    return 'isDetached' in this.root ? this.root.isDetached() : this.root.isClosed();
  }

  status(): Locator {
    return this.root.locator('.thread-meta .status');
  }
}
