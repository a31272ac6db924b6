import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  // Each test launches two Chromium profiles and a relay: one at a time on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../.tmp/e2e-results.json' }]],
  // No traces: contexts here are persistent profiles that the tests close and reopen themselves.
  use: { trace: 'off' },
  outputDir: '../../.tmp/e2e-artifacts',
});
