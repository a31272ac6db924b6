import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedPolicy } from '../../../lib/managed/schema';

/** Where Debian's Chromium reads machine policies, also headless; writing there needs root. */
export const CHROMIUM_POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface InstalledPolicy {
  path: string;
  remove(): void;
}

/**
 * A company's policy for the extension `extensionId`, as IT would install it on Linux; null (and
 * why) when this machine does not let the test write there. Only this one file is ever removed.
 */
export function installChromiumPolicy(extensionId: string, policy: ManagedPolicy): InstalledPolicy | string {
  const path = join(CHROMIUM_POLICY_DIR, `binome-e2e-${process.pid}.json`);
  try {
    mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
    writeFileSync(path, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
  } catch (error) {
    return `cannot write a Chromium policy in ${CHROMIUM_POLICY_DIR} (${(error as Error).message}); run as root or set CHROMIUM_POLICY_DIR`;
  }
  return { path, remove: () => rmSync(path, { force: true }) };
}
