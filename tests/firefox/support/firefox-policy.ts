import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { firefoxPolicy } from '../../../deploy/policy-files';
import { CHROME_EXTENSION_ID } from '../../../lib/managed/extension-ids';
import type { ManagedPolicy } from '../../../lib/managed/schema';

/**
 * Where Firefox on Linux reads a machine's policies first: `SysConfD` (/etc/firefox, also for Debian's
 * firefox-esr) + policies/policies.json, before the distribution folder of its installation
 * (EnterprisePoliciesParent.sys.mjs, JSONPoliciesProvider). Writing there needs root.
 */
export const FIREFOX_POLICY_DIR = process.env.FIREFOX_POLICY_DIR ?? '/etc/firefox/policies';

export interface InstalledFirefoxPolicy {
  path: string;
  /** Puts back what was there before: the file a machine already had, or nothing. */
  restore(): void;
}

/**
 * A company's policies.json for the add-on `addonId`, made by the generator IT uses
 * (deploy/policy-files.ts), installed where Firefox reads it; a sentence saying why not when this
 * machine does not let the test write there. `downloadBase` is where the force-install would fetch
 * the package: a loopback address, so that the attempt never leaves this computer.
 */
export function installFirefoxPolicy(
  addonId: string,
  policy: ManagedPolicy,
  downloadBase: string,
): InstalledFirefoxPolicy | string {
  const path = join(FIREFOX_POLICY_DIR, 'policies.json');
  if (process.getuid?.() !== 0 && !process.env.FIREFOX_POLICY_DIR) {
    return `writing Firefox's machine policy ${path} needs root; run the Firefox suite as root or set FIREFOX_POLICY_DIR to a folder Firefox reads`;
  }
  const previous = existsSync(path) ? readFileSync(path) : null;
  const createdDirs: string[] = [];
  try {
    for (let dir = FIREFOX_POLICY_DIR; !existsSync(dir); dir = dirname(dir)) createdDirs.unshift(dir);
    mkdirSync(FIREFOX_POLICY_DIR, { recursive: true });
    writeFileSync(path, firefoxPolicy({ chromeId: CHROME_EXTENSION_ID, firefoxId: addonId, downloadBase, policy }));
  } catch (error) {
    return `cannot write Firefox's policy ${path} (${(error as Error).message}); run as root or set FIREFOX_POLICY_DIR`;
  }
  return {
    path,
    restore: () => {
      if (previous) writeFileSync(path, previous);
      else rmSync(path, { force: true });
      // Only the folders this test made, deepest first, and only while empty.
      for (const dir of createdDirs.reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          break;
        }
      }
    },
  };
}
