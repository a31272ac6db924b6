import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The Firefox end-to-end suite (`npx vitest run -c tests/firefox/vitest.config.ts`, after
 * `npx wxt build -b firefox`): Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core.
 * Apart from the unit suite's config: no WXT plugin, no fake browser, one file at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    // Each test runs two Firefox instances and a relay: one at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 90_000,
  },
});
