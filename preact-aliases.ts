/**
 * React's API, Preact's runtime: react-dom alone is ~190 KB minified, which with Dexie
 * would break DESIGN.md's 300 KB popup budget. Components are written against React's
 * types and hooks; removing this alias switches back to React with no code change.
 * Its own module, with no imports, so that vitest.config.ts renders components the same way.
 */
export const PREACT_ALIASES = {
  'react-dom/client': 'preact/compat/client',
  'react-dom/test-utils': 'preact/test-utils',
  'react-dom': 'preact/compat',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
  react: 'preact/compat',
};
