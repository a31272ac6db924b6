/**
 * The packages `npm run package` writes (wxt zip, for Chrome and Firefox, and the Firefox
 * sources): a store's reviewer rebuilds the Firefox one from the sources zip and gets the same
 * bytes; nothing private is inside; the manifest asks only for what the README explains.
 *
 * Builds for real (about 20 s). The rebuild needs the dependencies: offline, it links this
 * checkout's node_modules (installed by `npm ci` from the same lock file) instead of running
 * `npm ci` again, which would need the registry.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID } from '@/lib/managed/extension-ids';
import { zipEntries } from './zip-entries';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const packagePath = (root: string, kind: 'chrome' | 'firefox' | 'sources') =>
  join(root, '.output', `binome-${VERSION}-${kind}.zip`);
/** Without Vitest's NODE_ENV=test, under which Vite's JSX would name each source file by its absolute path. */
const buildEnv = () => {
  const { NODE_ENV: _, VITEST: __, ...env } = process.env;
  return env;
};
const wxt = (cwd: string, ...args: string[]) => execFileSync('npx', ['wxt', ...args], { cwd, stdio: 'pipe', env: buildEnv() });

/** The permissions the README's "Permissions" table names, in its first column. */
function permissionsExplained(readme: string): Set<string> {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Permissions')) ?? '';
  return new Set([...section.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1] as string));
}

type Manifest = { permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[] };
const asked = (manifest: Manifest) => [
  ...(manifest.permissions ?? []),
  ...(manifest.optional_permissions ?? []),
  ...(manifest.host_permissions ?? []),
];

let rebuildDir = '';
const packages: Record<'chrome' | 'firefox' | 'sources', Map<string, Buffer>> = {} as never;

beforeAll(() => {
  // What `npm run package` runs.
  wxt(ROOT, 'zip');
  wxt(ROOT, 'zip', '-b', 'firefox');
  for (const kind of ['chrome', 'firefox', 'sources'] as const)
    packages[kind] = zipEntries(readFileSync(packagePath(ROOT, kind)));
}, 120_000);

afterAll(() => {
  if (rebuildDir) rmSync(rebuildDir, { recursive: true, force: true });
});

describe('the packages', () => {
  it('rebuild the Firefox package from the sources zip, byte for byte', () => {
    rebuildDir = mkdtempSync(join(tmpdir(), 'binome-sources-'));
    for (const [name, data] of packages.sources) {
      mkdirSync(dirname(join(rebuildDir, name)), { recursive: true });
      writeFileSync(join(rebuildDir, name), data);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(rebuildDir, 'node_modules'), 'dir');
    wxt(rebuildDir, 'zip', '-b', 'firefox');
    expect(readFileSync(packagePath(rebuildDir, 'firefox')).equals(readFileSync(packagePath(ROOT, 'firefox')))).toBe(true);
  }, 120_000);

  it('hold no .git, .env, node_modules, relay or tests', () => {
    const privateFiles = /(^|\/)(\.git|\.env[^/]*|node_modules|\.data)(\/|$)|^(relay|tests)\//;
    for (const [kind, entries] of Object.entries(packages)) {
      expect(
        [...entries.keys()].filter((name) => privateFiles.test(name)),
        kind,
      ).toEqual([]);
    }
    expect(packages.sources.has('package-lock.json')).toBe(true);
    expect(packages.sources.has('wxt.config.ts')).toBe(true);
  });

  it('write the style sheet into the popup page, whose first paint a linked one would hold back', () => {
    for (const kind of ['chrome', 'firefox'] as const) {
      const popup = packages[kind].get('popup.html')?.toString('utf8') ?? '';
      expect(popup, kind).toMatch(/<style>[^<]*--accent:/);
      expect(popup, kind).not.toMatch(/rel="stylesheet"/);
    }
  });

  it('give the popup page few files to fetch before its first frame: its own, and one chunk of what it shares', () => {
    for (const kind of ['chrome', 'firefox'] as const) {
      const popup = packages[kind].get('popup.html')?.toString('utf8') ?? '';
      const scripts = [...popup.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((match) => match[1]);
      expect(
        scripts.some((file) => file?.startsWith('chunks/popup-first-')),
        kind,
      ).toBe(true);
      expect(scripts.length, `${kind}: ${scripts.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('give Firefox a real add-on id, a minimum version and its data collection declaration', () => {
    const manifest = JSON.parse(packages.firefox.get('manifest.json')!.toString('utf8'));
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: FIREFOX_ADDON_ID,
      strict_min_version: expect.stringMatching(/^\d+\.\d+$/),
      data_collection_permissions: { required: ['none'] },
    });
    // The Chrome-only keys stay out of Firefox's manifest.
    expect(manifest.key).toBeUndefined();
  });

  it('ask only for permissions the README explains', () => {
    const explained = permissionsExplained(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    for (const kind of ['chrome', 'firefox'] as const) {
      const manifest = JSON.parse(packages[kind].get('manifest.json')!.toString('utf8')) as Manifest;
      expect(
        asked(manifest).filter((permission) => !explained.has(permission)),
        kind,
      ).toEqual([]);
    }
  });

  it('find a permission the README does not explain (the check itself works)', () => {
    const explained = permissionsExplained('## Permissions\n\n| `storage` | why |\n\n## Next\n\n| `tabs` | elsewhere |\n');
    expect(asked({ permissions: ['storage', 'tabs'] }).filter((permission) => !explained.has(permission))).toEqual(['tabs']);
  });

  it('pass web-ext lint for Firefox with no error, and only warnings that docs/deploy.md explains', () => {
    const webExt = join(ROOT, 'node_modules', '.bin', 'web-ext');
    expect(existsSync(webExt), 'web-ext is a dev dependency').toBe(true);
    let output: string;
    try {
      output = execFileSync(webExt, ['lint', '-s', join(ROOT, '.output', 'firefox-mv2'), '--output', 'json'], {
        encoding: 'utf8',
      });
    } catch (error) {
      // web-ext exits 1 when it finds errors; its JSON is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const report = JSON.parse(output) as { errors: { code: string; message: string }[]; warnings: { code: string }[] };
    expect(report.errors.map((error) => `${error.code}: ${error.message}`)).toEqual([]);
    const explained = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
    expect(report.warnings.map((warning) => warning.code).filter((code) => !explained.includes(`| \`${code}\``))).toEqual([]);
  }, 60_000);
});
