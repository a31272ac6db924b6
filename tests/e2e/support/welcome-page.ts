import { expect, type Page } from '@playwright/test';
import { messageIn } from './messages';
import { safetyNumberOn } from './options-page';

/** The welcome page, read in the person's language with the extension's own messages. */
export class WelcomePage {
  constructor(
    readonly page: Page,
    private readonly language: string,
  ) {}

  text(key: string, ...substitutions: string[]): string {
    return messageIn(this.language, key, ...substitutions);
  }

  /** The numbered steps, by their headings, in order. */
  steps() {
    return this.page
      .getByRole('list')
      .first()
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading') });
  }

  async saveProfile(displayName: string, relayUrl: string): Promise<void> {
    await this.page.getByRole('textbox', { name: this.text('profile_name_label'), exact: true }).fill(displayName);
    await this.page.getByRole('textbox', { name: this.text('welcome_address_label'), exact: true }).fill(relayUrl);
    await this.page.getByRole('button', { name: this.text('welcome_save') }).click();
    await expect(this.page.getByRole('status').filter({ hasText: this.text('profile_saved') })).toBeVisible();
  }

  async createInvite(role: 'learner' | 'helper'): Promise<string> {
    await this.page.getByRole('radio', { name: this.text(`pairing_role_${role}`) }).check();
    await this.page.getByRole('button', { name: this.text('pairing_create') }).click();
    const code = this.page.getByLabel(this.text('pairing_code_label'), { exact: true });
    await expect(code).toHaveText(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    return (await code.textContent())!;
  }

  async join(code: string): Promise<void> {
    await this.page.getByLabel(this.text('pairing_join_label')).fill(code);
    await this.page.getByRole('button', { name: this.text('pairing_join') }).click();
  }

  /** "Your number" (safety_my_number) or the buddy's (safety_peer_number), in the page's language. */
  async safetyNumber(whose: { mine: true } | { buddy: string }): Promise<string> {
    return safetyNumberOn(
      this.page,
      'mine' in whose ? this.text('safety_my_number') : this.text('safety_peer_number', whose.buddy),
    );
  }

  async expectPairedWith(buddy: string): Promise<void> {
    await expect(this.page.locator('.paired').filter({ hasText: this.text('pairing_done', buddy) })).toBeVisible();
  }
}
