import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A safety number in the pairing section once paired (the settings or the welcome page), read
 * from its accessible name, "Your number: …" or "<buddy>’s number: …", as 30 digits.
 */
export async function safetyNumberOn(page: Page, whose: string): Promise<string> {
  const number = page.locator('.paired').getByRole('img', { name: new RegExp(`^${whose}\\s?: `) });
  await expect(number).toBeVisible();
  const label = (await number.getAttribute('aria-label'))!;
  return label.slice(label.indexOf(':') + 1).replace(/[^\d]/g, '');
}

export class OptionsPage {
  constructor(readonly page: Page) {}

  async saveProfile(displayName: string, relayUrl: string): Promise<void> {
    await this.page.getByLabel('Your name, as your buddy will see it').fill(displayName);
    await this.page.getByLabel('Relay address').fill(relayUrl);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }

  /** The name alone, where the company's policy set the relay address. */
  async saveName(displayName: string): Promise<void> {
    await this.page.getByLabel('Your name, as your buddy will see it').fill(displayName);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }

  async createInvite(role: 'learn from my buddy' | 'help my buddy'): Promise<string> {
    await this.page.getByRole('radio', { name: role }).check();
    await this.page.getByRole('button', { name: 'Create an invite code' }).click();
    const code = this.page.getByLabel('Invite code', { exact: true });
    await expect(code).toHaveText(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    return (await code.textContent())!;
  }

  async join(code: string): Promise<void> {
    await this.page.getByLabel('Invite code from your buddy').fill(code);
    await this.page.getByRole('button', { name: 'Join' }).click();
  }

  buddies(): Locator {
    return this.page.getByRole('list', { name: 'My buddies' }).getByRole('heading');
  }

  /** Shown as soon as the pairing is confirmed, in the pairing section. */
  async pairedWith(buddy: string): Promise<Locator> {
    const done = this.page.locator('.paired').filter({ hasText: `You are paired with ${buddy}.` });
    await expect(done).toBeVisible();
    return done;
  }

  /** "Your number" or "<buddy>’s number", as the person reads it aloud: 30 digits. */
  async safetyNumber(whose: string): Promise<string> {
    return safetyNumberOn(this.page, whose);
  }

  async markVerified(buddy: string): Promise<void> {
    const panel = this.page.locator('.paired');
    await panel.getByRole('button', { name: 'The numbers match' }).click();
    await expect(panel.getByText(`Checked: you and ${buddy} compared your numbers.`)).toBeVisible();
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  nameField(): Locator {
    return this.page.getByLabel('Your name, as your buddy will see it');
  }

  relayField(): Locator {
    return this.page.getByLabel('Relay address');
  }

  /** "Create an invite code", without saving the profile first: what a person in a hurry does. */
  async pressCreateInvite(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create an invite code' }).click();
  }

  inviteCode(): Locator {
    return this.page.getByLabel('Invite code', { exact: true });
  }

  /** Each language is named in itself; the browser's choice is named in the language spoken now. */
  async chooseLanguage(name: 'English' | 'Français' | 'The browser’s language' | 'La langue du navigateur'): Promise<void> {
    // Checked once stored, not at the click: the setting is the database's, and the page follows it.
    // Found again by its place, not its name: "the browser's language" is renamed as the page redraws.
    const radios = this.page.locator('input[type="radio"][name$="-language"]');
    // The choices are drawn once the settings are read: a page just opened has none yet.
    await expect(radios.first()).toBeVisible();
    const names = await radios.evaluateAll((inputs) => inputs.map((input) => input.closest('label')?.textContent?.trim()));
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`No language choice "${name}" among ${names.join(', ')}`);
    await radios.nth(index).click();
    await expect(radios.nth(index)).toBeChecked();
  }
}
