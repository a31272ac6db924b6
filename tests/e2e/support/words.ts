import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Language = 'en' | 'fr';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * The UI's own words in one language, read from its message files: a French person's buttons
 * are found by their French labels, so a test never drives (or checks) the wrong screen.
 */
export class Words {
  private readonly messages: Messages;

  constructor(readonly language: Language) {
    const file = fileURLToPath(new URL(`../../../public/_locales/${language}/messages.json`, import.meta.url));
    this.messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
  }

  of(key: string, ...substitutions: string[]): string {
    const entry = this.messages[key];
    if (entry === undefined) throw new Error(`No message "${key}" in public/_locales/${this.language}`);
    // Named placeholders ($NAME$) stand for their content ($1), as in the browser's own i18n.
    const positional = entry.message.replace(
      /\$(\w+)\$/g,
      (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole,
    );
    return positional.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  }
}
