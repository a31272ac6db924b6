import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { messageIn } from '../../e2e/support/messages';
import { byLabel, byRole, itemsOf, textOf } from './aria';

/** Binôme's settings page in Firefox (moz-extension://…/options.html). */
export class FirefoxOptionsPage {
  constructor(readonly page: Page) {}

  async saveProfile(displayName: string, relayUrl: string): Promise<void> {
    await this.page.locator(byLabel('Relay address')).fill(relayUrl);
    await this.saveName(displayName);
  }

  /** The name alone, when the company's policy has set the relay address. */
  async saveName(displayName: string): Promise<void> {
    await this.page.locator(byLabel('Your name, as your buddy will see it')).fill(displayName);
    await this.page.locator(byRole('button', 'Save')).click();
    await expect.poll(() => textOf(this.page, byRole('status')), { timeout: 15_000 }).toContain('Saved.');
  }

  /**
   * The relay address field as a person meets it: its value, whether it can be edited, and the
   * note its aria-describedby points to (what a screen reader reads after the label). WebDriver
   * gives no computed description, so the note is read from the ids the field names.
   */
  relayField(): Promise<{ value: string; readOnly: boolean; description: string } | null> {
    return this.page.$(byLabel('Relay address')).then((field) =>
      field
        ? field.evaluate((input) => ({
            value: (input as HTMLInputElement).value,
            readOnly: (input as HTMLInputElement).readOnly,
            description: (input.getAttribute('aria-describedby') ?? '')
              .split(/\s+/)
              .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
              .filter(Boolean)
              .join(' '),
          }))
        : null,
    );
  }

  async createInvite(role: 'learn from my buddy' | 'help my buddy'): Promise<string> {
    await this.page.locator(byRole('radio', role)).click();
    await this.page.locator(byRole('button', 'Create an invite code')).click();
    const code = () => textOf(this.page, byRole('note', 'Invite code'));
    await expect.poll(code, { timeout: 15_000 }).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    return (await code())!;
  }

  async join(code: string): Promise<void> {
    await this.page.locator(byLabel(messageIn('en', 'pairing_join_label'))).fill(code);
    await this.page.locator(byRole('button', 'Join')).click();
  }

  buddies(): Promise<string[]> {
    return itemsOf(this.page, 'list', 'My buddies', 'heading');
  }

  /** Shown as soon as both browsers have checked each other's confirmation of the code. */
  async pairedWith(buddy: string): Promise<void> {
    await expect.poll(() => textOf(this.page, '.paired'), { timeout: 30_000 }).toContain(`You are paired with ${buddy}.`);
  }

  /** "Your number" or "<buddy>’s number", as the person reads it aloud: 30 digits. */
  async safetyNumber(whose: string): Promise<string> {
    const label = await this.page
      .locator(`.paired [role="img"][aria-label^="${whose}: "]`)
      .map((element) => element.getAttribute('aria-label') ?? '')
      .wait();
    return label.slice(label.indexOf(':') + 1).replace(/[^\d]/g, '');
  }

  async markVerified(buddy: string): Promise<void> {
    await this.page.locator(byRole('button', 'The numbers match')).click();
    await expect.poll(() => textOf(this.page, '.paired')).toContain(`Checked: you and ${buddy} compared your numbers.`);
  }
}
