import { defineConfig } from 'wxt';
import { ASK_COMMAND, ASK_SHORTCUT } from './lib/ask/commands';
import { PREACT_ALIASES } from './preact-aliases';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ resolve: { alias: PREACT_ALIASES } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    // Each permission is explained in the README's "Permissions" section.
    permissions: ['alarms', 'notifications', 'activeTab', 'scripting', 'contextMenus', 'storage'],
    // Asked for only when the person switches on "mark sites I asked about".
    optional_permissions: ['tabs'],
    action: { default_title: '__MSG_action_title__' },
    commands: {
      // Opens the ask panel in the page (or the side panel); grants activeTab as a click does.
      [ASK_COMMAND]: {
        suggested_key: { default: ASK_SHORTCUT, mac: ASK_SHORTCUT },
        description: '__MSG_command_ask__',
      },
      // The toolbar button's popup (inbox): no default key, one can be set in the browser.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: { description: '__MSG_command_open_popup__' },
    },
    // The in-page ask panel is this page in a frame. A dynamic URL (Chrome) changes every
    // session, so a page cannot probe for it to learn that Binôme is installed.
    web_accessible_resources: [{ resources: ['ask-panel.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'binome@binome.example', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
