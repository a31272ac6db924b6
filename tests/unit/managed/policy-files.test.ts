/**
 * The sample policy files of deploy/policies/ and the managed_schema the manifest points to are
 * generated from lib/managed/schema.ts: committed as generated, and naming only keys the
 * extension knows, with values it accepts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPTIONS, policyFiles } from '@/deploy/policy-files';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY, FIREFOX_ADDON_ID } from '@/lib/managed/extension-ids';
import { parsePolicy } from '@/lib/managed/policy';
import { MANAGED_KEY_NAMES } from '@/lib/managed/schema';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The values under `…\policy` of a .reg file, subkeys as objects (lists are numbered subkeys). */
function regPolicy(text: string, root: string): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  let target: Record<string, unknown> | null = null;
  for (const line of text.split(/\r\n/)) {
    const section = /^\[(.*)\]$/.exec(line)?.[1];
    if (section !== undefined) {
      const inside = section.startsWith(`${root}\\policy`)
        ? section.slice(`${root}\\policy`.length).split('\\').filter(Boolean)
        : null;
      target = inside
        ? inside.reduce<Record<string, unknown>>((node, name) => {
            node[name] ??= {};
            return node[name] as Record<string, unknown>;
          }, policy)
        : null;
      continue;
    }
    const value = /^"([^"]+)"=(.*)$/.exec(line);
    if (!value || !target) continue;
    const [, name, raw] = value as unknown as [string, string, string];
    target[name] = raw.startsWith('dword:') ? Number.parseInt(raw.slice(6), 16) === 1 : JSON.parse(raw);
  }
  // Numbered subkeys are how Chrome reads a list from the registry.
  const lists = (node: unknown): unknown =>
    node && typeof node === 'object'
      ? Object.keys(node).every((key) => /^\d+$/.test(key))
        ? Object.values(node).map(lists)
        : Object.fromEntries(Object.entries(node).map(([key, entry]) => [key, lists(entry)]))
      : node;
  return lists(policy) as Record<string, unknown>;
}

/** The top-level keys of the payload dict whose PayloadType is `type`, in a .mobileconfig. */
function plistPayloadKeys(text: string, type: string): string[] {
  const start = text.indexOf(`<string>${type}</string>`);
  expect(start).toBeGreaterThan(0);
  const dictStart = text.lastIndexOf('<dict>', start);
  const indent = /\n( *)<dict>$/.exec(text.slice(0, dictStart + 6))?.[1] ?? '';
  const dictEnd = text.indexOf(`\n${indent}</dict>`, start);
  const keyIndent = `${indent}  <key>`;
  return [...text.slice(dictStart, dictEnd).matchAll(new RegExp(`\\n${keyIndent}([^<]+)</key>`, 'g'))]
    .map((match) => match[1] as string)
    .filter((key) => !key.startsWith('Payload'));
}

const expectValidPolicy = (policy: unknown) => {
  expect(Object.keys(policy as object).filter((key) => !(MANAGED_KEY_NAMES as string[]).includes(key))).toEqual([]);
  expect(parsePolicy(policy).problems).toEqual([]);
};

describe('the generated policy files', () => {
  const fresh = policyFiles({ ...EXAMPLE_OPTIONS, chromeId: CHROME_EXTENSION_ID, firefoxId: FIREFOX_ADDON_ID });

  it('are committed exactly as npm run deploy:policies generates them', () => {
    for (const [path, text] of Object.entries(fresh)) expect(committed(path), path).toBe(text);
  });

  it('name only keys of the schema, with valid values: Linux', () => {
    const linux = JSON.parse(committed('deploy/policies/linux/binome.json'));
    expect(Object.keys(linux['3rdparty'].extensions)).toEqual([CHROME_EXTENSION_ID]);
    expectValidPolicy(linux['3rdparty'].extensions[CHROME_EXTENSION_ID]);
    expect(linux.ExtensionSettings[CHROME_EXTENSION_ID].installation_mode).toBe('force_installed');
  });

  it('… Firefox', () => {
    const firefox = JSON.parse(committed('deploy/policies/firefox/policies.json')).policies;
    expectValidPolicy(firefox['3rdparty'].Extensions[FIREFOX_ADDON_ID]);
    expect(firefox.ExtensionSettings[FIREFOX_ADDON_ID].installation_mode).toBe('force_installed');
  });

  it('… Windows, for Chrome and Edge', () => {
    const reg = committed('deploy/policies/windows/binome.reg');
    for (const root of ['Google\\Chrome', 'Microsoft\\Edge']) {
      const policy = regPolicy(
        reg,
        `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${root}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}`,
      );
      expectValidPolicy(policy);
      expect(policy).toEqual(EXAMPLE_OPTIONS.policy);
    }
  });

  it('… macOS, for Chrome and Edge', () => {
    const profile = committed('deploy/policies/macos/binome.mobileconfig');
    for (const domain of ['com.google.Chrome', 'com.microsoft.Edge']) {
      const keys = plistPayloadKeys(profile, `${domain}.extensions.${CHROME_EXTENSION_ID}`);
      expect(keys.filter((key) => !(MANAGED_KEY_NAMES as string[]).includes(key))).toEqual([]);
      expect(keys.sort()).toEqual([...MANAGED_KEY_NAMES].sort());
    }
  });

  it('find a key the schema does not have (the check itself works)', () => {
    expect(() => expectValidPolicy({ relayURL: 'https://x.example' })).toThrow();
  });

  it('name the extension by the id its manifest key gives', () => {
    const digest = createHash('sha256').update(Buffer.from(CHROME_PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32);
    expect([...digest].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('')).toBe(CHROME_EXTENSION_ID);
  });

  it('are each explained to IT in docs/deploy.md', () => {
    const guide = committed('docs/deploy.md');
    expect(MANAGED_KEY_NAMES.filter((key) => !guide.includes(`| \`${key}\``))).toEqual([]);
  });
});
