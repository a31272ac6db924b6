import { readFileSync } from 'node:fs';

/** The package version, reported by GET /health so a client can tell which relay it talks to. */
export const RELAY_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The oldest extension this relay serves, unless MIN_EXTENSION_VERSION says otherwise: raise it
 * when a relay change needs the extension to change too. Older ones ask their person to update.
 */
export const MIN_EXTENSION_VERSION = '0.1.0';
