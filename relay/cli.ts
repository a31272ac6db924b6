/**
 * `npm run relay`: PORT (8787), HOST (127.0.0.1), DATA_DIR (.data/relay), DATABASE_URL
 * (PostgreSQL instead of PGlite when set), PGLITE_THREAD (off; on runs PGlite in a thread of its own,
 * relay/store/pglite-thread.ts), DATABASE_SCHEMA (PostgreSQL only: the schema to keep
 * the tables in, created at start; the connection's default when unset), RATE_LIMITS (on; off
 * for load benches only), TRUSTED_PROXIES (0; the number of reverse proxies appending to
 * X-Forwarded-For, when the relay is reachable only through them), ADMIN_SECRET (unset: no admin
 * routes; set: the secret `npm run relay:admin` must present), LOG_LEVEL (info; JSON lines on
 * stdout), RETENTION_PULLED_DAYS (30) and RETENTION_MAX_DAYS (180) (relay/retention.ts),
 * ALLOWED_EXTENSION_IDS (unset: every extension; relay/allowed-extensions.ts), MIN_EXTENSION_VERSION
 * (relay/version.ts; older extensions ask their person to update). `--announce-extension <dir>`
 * also explains how to load the freshly built extension, for `npm start`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isExtensionVersion } from '../lib/protocol/well-known.ts';
import { parseAllowedExtensionIds } from './allowed-extensions.ts';
import { errorFields, parseLogLevel } from './log.ts';
import { NO_RATE_LIMITS } from './rate-limit.ts';
import { parseRetention } from './retention.ts';
import { startRelay } from './server.ts';

function announceExtension(dir: string, relayUrl: string) {
  console.log(
    [
      '',
      `The Chrome extension is built at ${dir}`,
      'To load it:',
      '  1. Open chrome://extensions',
      '  2. Turn on "Developer mode" (top right)',
      `  3. Click "Load unpacked" and pick the folder ${dir}`,
      `  4. In Binôme's options, set the relay URL to ${relayUrl}`,
      '',
    ].join('\n'),
  );
}

async function main() {
  const { values } = parseArgs({ options: { 'announce-extension': { type: 'string' } } });
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = databaseUrl ? undefined : path.resolve(process.env.DATA_DIR ?? '.data/relay');
  const schema = (databaseUrl && process.env.DATABASE_SCHEMA) || undefined;
  const limits = process.env.RATE_LIMITS || 'on';
  if (limits !== 'on' && limits !== 'off') throw new Error(`RATE_LIMITS must be on or off, got ${limits}`);
  const rateLimits = limits === 'off' ? NO_RATE_LIMITS : undefined;
  const pgliteThread = process.env.PGLITE_THREAD || 'off';
  if (pgliteThread !== 'on' && pgliteThread !== 'off') throw new Error(`PGLITE_THREAD must be on or off, got ${pgliteThread}`);
  const trustedProxies = Number(process.env.TRUSTED_PROXIES || 0);
  if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
    throw new Error(`TRUSTED_PROXIES must be a number of proxies, got ${process.env.TRUSTED_PROXIES}`);
  }

  const minExtensionVersion = process.env.MIN_EXTENSION_VERSION || undefined;
  if (minExtensionVersion && !isExtensionVersion(minExtensionVersion)) {
    throw new Error(`MIN_EXTENSION_VERSION must be a version such as 1.2.0, got ${minExtensionVersion}`);
  }

  const relay = await startRelay({
    logLevel: parseLogLevel(process.env.LOG_LEVEL),
    retention: parseRetention(process.env),
    allowedExtensions: parseAllowedExtensionIds(process.env.ALLOWED_EXTENSION_IDS),
    minExtensionVersion,
    port,
    host: process.env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir,
    pgliteThread: pgliteThread === 'on',
    // A relay that can store nothing more stops, so that its service manager starts it again
    // (deploy/), instead of answering 503 to every post until someone notices.
    onLost: () => {
      console.error('Binôme relay stops: its database thread stopped. Start it again (a service manager does).');
      process.exit(1);
    },
    schema,
    rateLimits,
    trustedProxies,
    adminSecret: process.env.ADMIN_SECRET || undefined,
  });
  relay.log.info(
    { url: relay.url, database: relay.database },
    `Binôme relay listening on ${relay.url} (database: ${relay.database})`,
  );
  const extensionDir = values['announce-extension'];
  if (extensionDir) announceExtension(path.resolve(extensionDir), relay.url);

  const shutdown = (signal: string) => {
    relay.log.info({ signal }, 'closing the relay');
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        relay.log.error(errorFields(error), 'Binôme relay did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Binôme relay could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
