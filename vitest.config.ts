import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { PREACT_ALIASES } from './preact-aliases.ts';

export default defineConfig({
  plugins: [WxtVitest()],
  // Components render with Preact in tests as in the extension, not with the React they are typed against.
  resolve: { alias: PREACT_ALIASES },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['fake-indexeddb/auto'],
    // Processed by Vite so that its `react` import gets the alias above too.
    server: { deps: { inline: ['dexie-react-hooks'] } },
    // PGlite's first initdb takes a few seconds on this 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
