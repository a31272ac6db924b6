/**
 * The sample policy files of deploy/policies/, built from the one managed schema
 * (lib/managed/schema.ts) and its example values: what `npm run deploy:policies` writes and
 * tests/unit/managed/policy-files.test.ts compares with what is committed.
 */
import { createHash } from 'node:crypto';
import { managedJsonSchema } from '../lib/managed/json-schema';
import { EXAMPLE_POLICY, type ManagedPolicy } from '../lib/managed/schema';

export interface PolicyFileOptions {
  chromeId: string;
  firefoxId: string;
  /** Where the company serves the extension and its update manifests (docs/deploy.md). */
  downloadBase: string;
  policy: ManagedPolicy;
}

export const DEFAULT_DOWNLOAD_BASE = 'https://binome.acme.com/extension';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function chromeExtensionSettings({ chromeId, downloadBase }: PolicyFileOptions) {
  return { [chromeId]: { installation_mode: 'force_installed', update_url: `${downloadBase}/update.xml` } };
}

/** /etc/opt/chrome/policies/managed/ (Chrome), /etc/chromium/policies/managed/ (Chromium), /etc/opt/edge/policies/managed/ (Edge). */
export function linuxPolicy(options: PolicyFileOptions): string {
  return json({
    ExtensionSettings: chromeExtensionSettings(options),
    '3rdparty': { extensions: { [options.chromeId]: options.policy } },
  });
}

/** Firefox's distribution/policies.json (or /etc/firefox/policies/policies.json on Linux). */
export function firefoxPolicy({ firefoxId, downloadBase, policy }: PolicyFileOptions): string {
  return json({
    policies: {
      ExtensionSettings: {
        [firefoxId]: { installation_mode: 'force_installed', install_url: `${downloadBase}/binome-firefox.xpi` },
      },
      '3rdparty': { Extensions: { [firefoxId]: policy } },
    },
  });
}

// ---- Windows: a .reg file, one key per object, lists as subkeys numbered from 1 (how Chrome reads them).

const regString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function regValue(value: unknown): string {
  if (typeof value === 'boolean') return `dword:${value ? '00000001' : '00000000'}`;
  if (typeof value === 'number') return `dword:${value.toString(16).padStart(8, '0')}`;
  return regString(String(value));
}

function regKeys(path: string, value: Record<string, unknown>): string[] {
  const lines = [`[${path}]`];
  const nested: string[] = [];
  for (const [name, entry] of Object.entries(value)) {
    if (Array.isArray(entry)) {
      const asObject = Object.fromEntries(entry.map((item, index) => [String(index + 1), item]));
      nested.push(...regKeys(`${path}\\${name}`, asObject));
    } else if (typeof entry === 'object' && entry !== null) {
      nested.push(...regKeys(`${path}\\${name}`, entry as Record<string, unknown>));
    } else {
      lines.push(`${regString(name)}=${regValue(entry)}`);
    }
  }
  return [...lines, '', ...nested];
}

/** Chrome and Edge. ExtensionSettings is one JSON string, as both browsers read it on Windows. */
export function windowsPolicy(options: PolicyFileOptions): string {
  const browsers = [
    ['Google Chrome', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
    ['Microsoft Edge', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
  ];
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const [name, root] of browsers) {
    lines.push(
      `; ${name}`,
      `[${root}]`,
      `"ExtensionSettings"=${regString(JSON.stringify(chromeExtensionSettings(options)))}`,
      '',
    );
    lines.push(...regKeys(`${root}\\3rdparty\\extensions\\${options.chromeId}\\policy`, options.policy));
  }
  // regedit reads CRLF; the values are ASCII, so the file needs no UTF-16.
  return `${lines.join('\r\n')}\r\n`;
}

// ---- macOS: a configuration profile with one payload per preference domain.

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function plist(value: unknown, indent: string): string {
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>`;
  if (typeof value === 'string') return `${indent}<string>${xmlText(value)}</string>`;
  if (Array.isArray(value)) {
    return [`${indent}<array>`, ...value.map((item) => plist(item, `${indent}  `)), `${indent}</array>`].join('\n');
  }
  const entries = Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => [
    `${indent}  <key>${xmlText(key)}</key>`,
    plist(entry, `${indent}  `),
  ]);
  return [`${indent}<dict>`, ...entries, `${indent}</dict>`].join('\n');
}

/** Stable across runs, so that a regenerated profile replaces the installed one instead of adding another. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

export function macosPolicy(options: PolicyFileOptions): string {
  const payload = (type: string, content: Record<string, unknown>) => ({
    PayloadType: type,
    PayloadIdentifier: `app.binome.policy.${type}`,
    PayloadUUID: stableUuid(`${options.chromeId}:${type}`),
    PayloadVersion: 1,
    PayloadDisplayName: `Binôme: ${type}`,
    ...content,
  });
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: 'app.binome.policy',
    PayloadUUID: stableUuid(`${options.chromeId}:profile`),
    PayloadVersion: 1,
    PayloadDisplayName: 'Binôme for Chrome and Edge',
    PayloadScope: 'System',
    PayloadContent: [
      payload('com.google.Chrome', { ExtensionSettings: chromeExtensionSettings(options) }),
      payload('com.microsoft.Edge', { ExtensionSettings: chromeExtensionSettings(options) }),
      payload(`com.google.Chrome.extensions.${options.chromeId}`, options.policy),
      payload(`com.microsoft.Edge.extensions.${options.chromeId}`, options.policy),
    ],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plist(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

/** Every generated file, by its path from the repository's root. */
export function policyFiles(options: PolicyFileOptions): Record<string, string> {
  return {
    'public/managed_schema.json': json(managedJsonSchema()),
    'deploy/policies/linux/binome.json': linuxPolicy(options),
    'deploy/policies/windows/binome.reg': windowsPolicy(options),
    'deploy/policies/macos/binome.mobileconfig': macosPolicy(options),
    'deploy/policies/firefox/policies.json': firefoxPolicy(options),
  };
}

export const EXAMPLE_OPTIONS = { downloadBase: DEFAULT_DOWNLOAD_BASE, policy: EXAMPLE_POLICY };
