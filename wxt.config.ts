import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    // Each permission is explained in the README's "Permissions" section.
    permissions: ['alarms', 'notifications', 'activeTab', 'scripting'],
    action: { default_title: '__MSG_action_title__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'binome@binome.example', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
