import type { Page } from 'puppeteer-core';
import { byLabel, byRole, IMAGE_ROLE, itemsOf, textOf, textsOf } from './aria';

/** Binôme's popup (moz-extension://…/popup.html) opened as a page, as the Chromium tests do. */
export class FirefoxPopupPage {
  constructor(readonly page: Page) {}

  /** From the popup's home, the ask form, once the question can be typed. */
  async openAskForm(): Promise<void> {
    await this.page.locator(byRole('button', 'Ask my buddy about this page')).click();
    await this.page.locator(byLabel('Your question')).wait();
  }

  /** The context shown in the ask form or in a thread: tool, page and selection. */
  context(): Promise<string | null> {
    return textOf(this.page, byRole('region', 'The page the question is about'));
  }

  async send(question: string): Promise<void> {
    await this.page.locator(byLabel('Your question')).fill(question);
    await this.page.locator(byRole('button', 'Send my question')).click();
  }

  tabNames(): Promise<string[]> {
    return textsOf(this.page, byRole('tab'));
  }

  inboxFrom(buddy: string): Promise<string[]> {
    return itemsOf(this.page, 'list', `From ${buddy}`, 'button');
  }

  async openFirstFrom(buddy: string): Promise<void> {
    const list = await this.page.locator(byRole('list', `From ${buddy}`)).waitHandle();
    const [first] = await list.$$(byRole('button'));
    if (!first) throw new Error(`Nothing from ${buddy} in the inbox`);
    await first.click();
    await this.page.locator(byRole('button', 'Back')).wait();
  }

  /** The screenshot a question came with, as the helper sees it. */
  async hasPicture(sender: string): Promise<boolean> {
    return (await this.page.$(byRole(IMAGE_ROLE, `Picture of the page, sent by ${sender}`))) !== null;
  }

  threadStatus(): Promise<string | null> {
    return textOf(this.page, '.thread-meta .status');
  }

  replies(): Promise<string[]> {
    return itemsOf(this.page, 'list', 'Replies', 'listitem');
  }

  /** Where a reply's link points, found by its accessible name (the address shown). */
  async replyLinkTarget(name: string): Promise<string | null> {
    const list = await this.page.$(byRole('list', 'Replies'));
    const link = await list?.$(byRole('link', name));
    return link ? link.evaluate((element) => element.getAttribute('href')) : null;
  }

  async answer(buddy: string, text: string): Promise<void> {
    await this.page.locator(byLabel(`Your answer to ${buddy}`)).fill(text);
    await this.page.locator(byRole('button', 'Send my answer')).click();
  }

  async gotIt(): Promise<void> {
    await this.page.locator(byRole('button', 'Got it, thank you!')).click();
  }
}
