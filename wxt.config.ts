import { defineConfig } from 'wxt';

/**
 * React's API, Preact's runtime: react-dom alone is ~190 KB minified, which with Dexie
 * would break DESIGN.md's 300 KB popup budget. Components are written against React's
 * types and hooks; removing this alias switches back to React with no code change.
 */
export const PREACT_ALIASES = {
  'react-dom/client': 'preact/compat/client',
  'react-dom/test-utils': 'preact/test-utils',
  'react-dom': 'preact/compat',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
  react: 'preact/compat',
};

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ resolve: { alias: PREACT_ALIASES } }),
  manifest: ({ browser }) => ({
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    // Each permission is explained in the README's "Permissions" section.
    permissions: ['alarms', 'notifications', 'activeTab', 'scripting', 'contextMenus'],
    // Asked for only when the person switches on "mark sites I asked about".
    optional_permissions: ['tabs'],
    action: { default_title: '__MSG_action_title__' },
    commands: {
      // Opens the popup, as a click on the toolbar button does (and grants activeTab the same way).
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+B', mac: 'Alt+Shift+B' },
        description: '__MSG_command_ask__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'binome@binome.example', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
