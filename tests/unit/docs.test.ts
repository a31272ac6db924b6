/**
 * The documentation stays findable and true to the tree: a README short enough to be read,
 * that leads to every page, and no page that links to a file (or a heading) that is gone.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = join(ROOT, 'README.md');
/** The README's budget: beyond it, the details belong in a page of docs/. */
const README_MAX_BYTES = 8 * 1024;

const docsPages = () =>
  readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name));
const pagesTheReadmeLeadsTo = () => [
  ...docsPages(),
  ...['CONTRIBUTING.md', 'CHANGELOG.md', 'bench/README.md'].map((path) => join(ROOT, path)),
];
const everyPage = () => [README, ...pagesTheReadmeLeadsTo()];

const tokensOf = (path: string): Token[] => marked.lexer(readFileSync(path, 'utf8'));

/** Every link and image target of a Markdown file, code blocks and code spans left out. */
function targetsOf(path: string): string[] {
  const targets: string[] = [];
  marked.walkTokens(tokensOf(path), (token) => {
    if (token.type === 'link' || token.type === 'image') targets.push((token as Tokens.Link | Tokens.Image).href);
  });
  return targets;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(path: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  marked.walkTokens(tokensOf(path), (token) => {
    if (token.type !== 'heading') return;
    const base = (token as Tokens.Heading).text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  });
  return anchors;
}

/** What is wrong with a relative link from `page`, or null when it leads somewhere. */
function brokenLink(page: string, target: string): string | null {
  const [pathPart, anchor] = target.split('#') as [string, string | undefined];
  const file = pathPart ? resolve(dirname(page), decodeURIComponent(pathPart)) : page;
  if (!existsSync(file)) return `${target}: no such file`;
  if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) return `${target}: no heading with that anchor`;
  return null;
}

describe('documentation', () => {
  it('keeps the README under 8 KB', () => {
    expect(statSync(README).size).toBeLessThan(README_MAX_BYTES);
  });

  it('links from the README to every page of docs/, CONTRIBUTING.md, CHANGELOG.md and bench/README.md', () => {
    const linked = new Set(
      targetsOf(README)
        .filter((target) => !isExternal(target))
        .map((target) => resolve(ROOT, target.split('#')[0] ?? '')),
    );
    const unlinked = pagesTheReadmeLeadsTo()
      .filter((page) => !linked.has(page))
      .map((page) => relative(ROOT, page));
    expect(unlinked).toEqual([]);
  });

  it('has no relative link, in any of these pages, to a file or heading that does not exist', () => {
    const broken = everyPage().flatMap((page) =>
      targetsOf(page)
        .filter((target) => !isExternal(target))
        .map((target) => brokenLink(page, target))
        .filter((problem): problem is string => problem !== null)
        .map((problem) => `${relative(ROOT, page)} → ${problem}`),
    );
    expect(broken).toEqual([]);
  });

  it('finds a broken link when there is one (the check itself works)', () => {
    expect(brokenLink(README, 'docs/no-such-page.md')).toMatch(/no such file/);
    expect(brokenLink(join(ROOT, 'docs', 'security.md'), '#no-such-heading')).toMatch(/no heading/);
    expect(brokenLink(join(ROOT, 'docs', 'security.md'), '#revoking-a-device')).toBeNull();
  });
});
