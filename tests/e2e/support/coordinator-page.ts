import { expect, type Locator, type Page } from '@playwright/test';

/** The words of the relay's coordinator page, as it has them (it keeps its own, apart from the extension's). */
export const COORDINATOR_WORDS = {
  en: {
    secretLabel: 'Coordinator secret',
    signIn: 'Sign in',
    signInWithLink: 'Sign in with this link',
    download: 'Download these figures (CSV)',
    pairs: 'Pairs of the programme by state',
    activity: 'Activity of the whole programme',
    weeks: 'Questions asked each week since the programme started',
    ending: 'Pairs whose end date is in the next 14 days',
    active: 'Active',
    questionsAsked: 'Questions asked',
    answered: 'Questions answered',
    median: 'Median time to a first answer',
    twoWay: 'Questions asked by juniors (two-way share)',
    kudos: 'Kudos given',
    underAMinute: 'Under a minute',
  },
  fr: {
    secretLabel: 'Secret de coordination',
    signIn: 'Se connecter',
    signInWithLink: 'Se connecter avec ce lien',
    download: 'Télécharger ces chiffres (CSV)',
    pairs: 'Binômes du programme par état',
    activity: 'Activité de l’ensemble du programme',
    weeks: 'Questions posées chaque semaine depuis le début du programme',
    ending: 'Binômes dont la date de fin tombe dans les 14 prochains jours',
    active: 'Actifs',
    questionsAsked: 'Questions posées',
    answered: 'Questions ayant reçu une réponse',
    median: 'Délai médian avant une première réponse',
    twoWay: 'Questions posées par les juniors (part réciproque)',
    kudos: 'Remerciements envoyés',
    underAMinute: 'Moins d’une minute',
  },
} as const;

export type CoordinatorLanguage = keyof typeof COORDINATOR_WORDS;

/** The relay's /coordinator page in a plain browser tab, by roles and names. */
export class CoordinatorPage {
  constructor(
    readonly page: Page,
    readonly language: CoordinatorLanguage,
  ) {}

  get words() {
    return COORDINATOR_WORDS[this.language];
  }

  async signInWithSecret(relayUrl: string, secret: string): Promise<void> {
    await this.page.goto(`${relayUrl}/coordinator`);
    await this.page.getByLabel(this.words.secretLabel).fill(secret);
    await this.page.getByRole('button', { name: this.words.signIn, exact: true }).click();
    await expect(this.table(this.words.activity).or(this.page.getByRole('status'))).toBeVisible();
  }

  /** Opening the link spends nothing; its button does. */
  async signInWithLink(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByRole('button', { name: this.words.signInWithLink }).click();
    await expect(this.table(this.words.activity)).toBeVisible();
  }

  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  /** The value beside a row heading, in the table with this caption. */
  figure(caption: string, row: string): Locator {
    return this.table(caption)
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: row, exact: true }) })
      .getByRole('cell');
  }

  async switchTo(language: CoordinatorLanguage): Promise<CoordinatorPage> {
    await this.page
      .getByRole('navigation')
      .getByRole('link', { name: language === 'fr' ? 'Français' : 'English' })
      .click();
    const switched = new CoordinatorPage(this.page, language);
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
    return switched;
  }

  /** The CSV the page's link downloads, as text. */
  async downloadCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: this.words.download }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
