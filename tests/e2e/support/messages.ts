import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const read = (language: string): Messages =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../public/_locales/${language}/messages.json`, import.meta.url)), 'utf8'),
  ) as Messages;

/** What the extension says for `key` in `language`, from its own message files, with `$1`… filled in. */
export function messageIn(language: string, key: string, ...substitutions: string[]): string {
  const message = read(language)[key]?.message;
  if (message === undefined) throw new Error(`No message ${key}`);
  return message.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
}
