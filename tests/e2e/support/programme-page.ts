import { expect, type Locator, type Page } from '@playwright/test';

/** The popup's Programme tab, and the screens it opens (agenda, wrap-up), by roles and names. */
export class ProgrammePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Programme' }).click();
  }

  pairSection(buddy: string): Locator {
    return this.page.getByRole('region', { name: `With ${buddy}` });
  }

  async proposeCharter(buddy: string, charter: { objectives: string[]; rhythm: string; endDate: string }): Promise<void> {
    await this.pairSection(buddy).getByRole('button', { name: 'Propose a charter' }).click();
    for (const [index, objective] of charter.objectives.entries()) {
      await this.page.getByLabel(`Objective ${index + 1}`, { exact: true }).fill(objective);
    }
    await this.page.getByLabel('Meetups', { exact: true }).selectOption({ label: charter.rhythm });
    await this.page.getByLabel('End date').fill(charter.endDate);
    await this.page.getByRole('button', { name: 'Send the proposal' }).click();
  }

  async acceptCharter(buddy: string): Promise<void> {
    const section = this.pairSection(buddy);
    await expect(section).toContainText(`${buddy} proposes this charter:`);
    await section.getByRole('button', { name: 'Accept' }).click();
  }

  objectives(buddy: string): Locator {
    return this.pairSection(buddy).getByRole('list', { name: 'Objectives' }).getByRole('listitem');
  }

  async openAgenda(buddy: string): Promise<Locator> {
    await this.pairSection(buddy).getByRole('button', { name: 'Open the agenda' }).click();
    await expect(this.page.getByRole('heading', { name: `Agenda for the next meetup with ${buddy}` })).toBeVisible();
    return this.page.getByRole('list', { name: 'Items of the agenda' }).getByRole('listitem');
  }

  async wrapUpFromBanner(buddy: string): Promise<void> {
    const banner = this.page.getByRole('status').filter({ hasText: `Time to wrap up with ${buddy}` });
    await banner.getByRole('button', { name: 'Wrap up' }).click();
    await expect(this.page.getByRole('heading', { name: `Wrap-up with ${buddy}` })).toBeVisible();
  }

  async saveWrapUp(rating: string, recommend: 'Yes' | 'No'): Promise<void> {
    await this.page.getByRole('radio', { name: rating }).check();
    await this.page.getByRole('radio', { name: recommend, exact: true }).check();
    await this.page.getByRole('button', { name: 'Save my wrap-up' }).click();
  }
}

/** Under an answered thread of mine: the meetup mark and the thank-you. */
export async function markForMeetup(page: Page): Promise<void> {
  // Checked once the mark is in the log: the box follows the log, not the click.
  const mark = page.getByRole('checkbox', { name: 'Let’s talk about it at our next meetup' });
  await mark.click();
  await expect(mark).toBeChecked();
}

export async function thank(page: Page, buddy: string, qualities: string[], message: string): Promise<void> {
  await page.getByRole('button', { name: `Thank ${buddy}` }).click();
  for (const quality of qualities) await page.getByRole('checkbox', { name: quality }).check();
  await page.getByLabel('A message (optional)').fill(message);
  await page.getByRole('button', { name: 'Send my thanks' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Your thanks are on their way to ${buddy}.` })).toBeVisible();
}
