import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\$\d/g)].map((match) => match[0]).sort();

describe('translations', () => {
  it('French and English have the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message is written and keeps its placeholders in both languages', () => {
    for (const [key, { message }] of Object.entries(en)) {
      const french = (fr as Record<string, { message: string }>)[key]!.message;
      expect(message.trim(), key).not.toBe('');
      expect(french.trim(), key).not.toBe('');
      expect(placeholders(french), key).toEqual(placeholders(message));
    }
  });

  it('every key the code asks for exists', () => {
    const files = ['components', 'entrypoints', 'lib'].flatMap((dir) => sourceFiles(join(root, dir)));
    const used = new Set<string>();
    const counted = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-z_]+)'/g)) used.add(match[1]!);
      // A counted message is asked for by its base, which exists as `_one` and `_other`.
      for (const match of source.matchAll(/\btCount\(\s*(?:[^,]*\?\s*)?'([a-z_]+)'(?:\s*:\s*'([a-z_]+)')?/g)) {
        for (const base of match.slice(1)) if (base) counted.add(base);
      }
      for (const match of source.matchAll(/'((?:error|status|kind|role|tab)_[a-z_]+)'/g)) {
        if (!counted.has(match[1]!)) used.add(match[1]!);
      }
    }
    for (const base of counted) used.delete(base);
    expect(used.size).toBeGreaterThan(40);
    expect(counted.size).toBeGreaterThan(10);
    for (const key of used) expect(en, key).toHaveProperty(key);
    for (const base of counted) {
      expect(en, base).toHaveProperty(`${base}_one`);
      expect(en, base).toHaveProperty(`${base}_other`);
    }
  });

  it('the manifest strings are translated', () => {
    for (const key of ['ext_name', 'ext_description', 'action_title']) expect(fr).toHaveProperty(key);
  });
});
