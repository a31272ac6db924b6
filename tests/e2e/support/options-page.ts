import { expect, type Locator, type Page } from '@playwright/test';

export class OptionsPage {
  constructor(readonly page: Page) {}

  async saveProfile(displayName: string, relayUrl: string): Promise<void> {
    await this.page.getByLabel('Your name, as your buddy will see it').fill(displayName);
    await this.page.getByLabel('Relay address').fill(relayUrl);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }

  async createInvite(role: 'learn from my buddy' | 'help my buddy'): Promise<string> {
    await this.page.getByRole('radio', { name: role }).check();
    await this.page.getByRole('button', { name: 'Create an invite code' }).click();
    const code = this.page.getByLabel('Invite code', { exact: true });
    await expect(code).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    return (await code.textContent())!;
  }

  async join(code: string): Promise<void> {
    await this.page.getByLabel('Invite code from your buddy').fill(code);
    await this.page.getByRole('button', { name: 'Join' }).click();
  }

  buddies(): Locator {
    return this.page.getByRole('list', { name: 'My buddies' }).getByRole('heading');
  }

  safetyCode(buddy: string): Locator {
    return this.page.getByLabel(`Safety code with ${buddy}`);
  }

  async markVerified(): Promise<void> {
    await this.page.getByRole('button', { name: 'The codes match' }).click();
    await expect(this.page.getByText('Verified: you compared the codes in person.')).toBeVisible();
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}
