import { expect, type Locator, type Page } from '@playwright/test';

export class PopupPage {
  constructor(readonly page: Page) {}

  /** From the popup's home, the ask form, once the question can be typed (its buddies are read first). */
  async openAskForm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ask my buddy about this page' }).click();
    await expect(this.page.getByLabel('Your question')).toBeVisible();
  }

  async ask(question: string, skill?: string): Promise<void> {
    await this.openAskForm();
    await this.page.getByLabel('Your question').fill(question);
    if (skill) await this.page.getByLabel('Skill (optional)').fill(skill);
    await this.page.getByRole('button', { name: 'Send my question' }).click();
  }

  /** The context shown in the ask form or in a thread: tool, page and selection. */
  context(): Locator {
    return this.page.getByRole('region', { name: 'The page the question is about' });
  }

  tab(name: 'Questions for me' | 'My questions' | 'Knowledge log' | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  inboxFrom(buddy: string): Locator {
    return this.page.getByRole('list', { name: `From ${buddy}` }).getByRole('button');
  }

  myQuestions(): Locator {
    return this.page.getByRole('list', { name: 'My questions' }).getByRole('button');
  }

  async openThread(item: Locator): Promise<void> {
    await item.click();
    await expect(this.page.getByRole('button', { name: 'Back' })).toBeVisible();
  }

  recall(): Locator {
    return this.page.getByRole('list', { name: 'From your log for this site' }).getByRole('button');
  }

  threadStatus(): Locator {
    return this.page.locator('.thread-meta .status');
  }

  replies(): Locator {
    return this.page.getByRole('list', { name: 'Replies' }).getByRole('listitem');
  }

  async answer(buddy: string, text: string, skill?: string): Promise<void> {
    await this.page.getByLabel(`Your answer to ${buddy}`).fill(text);
    if (skill !== undefined) await this.page.getByLabel('Skill (optional)').fill(skill);
    await this.page.getByRole('button', { name: 'Send my answer' }).click();
  }

  async gotIt(): Promise<void> {
    await this.page.getByRole('button', { name: 'Got it, thank you!' }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back' }).click();
  }

  async searchLog(query: string): Promise<Locator> {
    await this.tab('Knowledge log').click();
    await this.page.getByLabel('Search your knowledge log').fill(query);
    return this.page.getByRole('list', { name: 'Knowledge log entries' }).getByRole('button');
  }
}
