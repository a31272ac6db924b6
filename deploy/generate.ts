/**
 * npm run deploy:policies [-- --chrome-id <id>] [--firefox-id <id>] [--download-base <url>]
 * Writes public/managed_schema.json and the sample policy files of deploy/policies/ from the
 * managed schema; with other ids (a company's own signed package), the same files for them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROME_EXTENSION_ID, FIREFOX_ADDON_ID } from '../lib/managed/extension-ids';
import { EXAMPLE_OPTIONS, policyFiles } from './policy-files';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    'chrome-id': { type: 'string', default: CHROME_EXTENSION_ID },
    'firefox-id': { type: 'string', default: FIREFOX_ADDON_ID },
    'download-base': { type: 'string', default: EXAMPLE_OPTIONS.downloadBase },
  },
});
const files = policyFiles({
  ...EXAMPLE_OPTIONS,
  chromeId: values['chrome-id'],
  firefoxId: values['firefox-id'],
  downloadBase: values['download-base'].replace(/\/+$/, ''),
});
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${path}`);
}
