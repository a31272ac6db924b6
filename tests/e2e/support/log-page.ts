import { expect, type Locator, type Page } from '@playwright/test';

export class LogPage {
  constructor(readonly page: Page) {}

  tab(name: 'Entries' | 'Skills I learned' | 'Skills I taught' | 'Export and import'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async search(query: string): Promise<Locator> {
    await this.tab('Entries').click();
    await this.page.getByLabel('Search your knowledge log').fill(query);
    return this.entries();
  }

  entries(): Locator {
    return this.page.getByRole('list', { name: 'Knowledge log entries' }).getByRole('button');
  }

  async filter(label: 'Tool' | 'Buddy' | 'Status', option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async saveNote(text: string): Promise<void> {
    await this.page.getByLabel('My note').fill(text);
    await this.page.getByRole('button', { name: 'Save my note' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Note saved.' })).toBeVisible();
  }

  skillsOf(toolName: string): Locator {
    return this.page.getByRole('list', { name: `Skills in ${toolName}` }).getByRole('listitem');
  }

  chart(): Locator {
    return this.page.getByRole('figure', { name: 'Skills learned per month' });
  }

  taughtTo(buddy: string): Locator {
    return this.page.getByRole('list', { name: `Taught to ${buddy}` }).getByRole('listitem');
  }
}
