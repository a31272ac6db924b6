import { existsSync } from 'node:fs';

/**
 * The browser the tests drive: CHROMIUM_PATH when set (a developer's own Chromium),
 * else Debian's binary (its /usr/bin/chromium wrapper prints noise on every start).
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error('No Chromium found. Install Debian\'s "chromium" package or set CHROMIUM_PATH to a Chromium binary.');
  }
  return found;
}
