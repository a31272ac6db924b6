import { readFileSync } from 'node:fs';

/** The package version, reported by GET /health so a client can tell which relay it talks to. */
export const RELAY_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
