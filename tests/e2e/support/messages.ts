import { type Language, Words } from './words';

/** What the extension says for `key` in `language`, from its own message files, with `$1`… filled in. */
export function messageIn(language: string, key: string, ...substitutions: string[]): string {
  return new Words(language as Language).of(key, ...substitutions);
}
