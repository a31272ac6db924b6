import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { RelayEnv, RelayDeps } from './deps.ts';
import { MESSAGES, sendError } from './errors.ts';
import type { Hub } from './hub.ts';
import { extensionCors } from './middleware/extension-cors.ts';
import { requestBody } from './middleware/request-body.ts';
import { requestLog } from './middleware/request-log.ts';
import type { AllowedExtensions } from './allowed-extensions.ts';
import { createLogger, errorFields, type LogLevel, type LogSink, type RelayLogger } from './log.ts';
import { addressKey, RateLimiter, resolveRateLimits, socketAddress, type ClientAddress, type RateLimits } from './rate-limit.ts';
import { RevokedDevices } from './revoked-devices.ts';
import { DeviceCache } from './device-cache.ts';
import { PostBatcher, type PostBatcherOptions } from './post-batcher.ts';
import { ADMIN_PREFIX } from './admin-api.ts';
import { adminNotConfigured, adminRoutes } from './routes/admin.ts';
import { coordinatorRoutes } from './routes/coordinator.ts';
import { deviceRoutes } from './routes/devices.ts';
import { healthRoutes } from './routes/health.ts';
import { inviteRoutes } from './routes/invites.ts';
import { pairProgrammeRoutes } from './routes/pair-programme.ts';
import { programmeJoinRoutes } from './routes/programme-joins.ts';
import { pairRoutes } from './routes/pairs.ts';
import { streamRoutes } from './routes/stream.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
import { mountApiDocs } from './routes/openapi.ts';
import { WELL_KNOWN_PATH } from '../lib/protocol/well-known.ts';
import { ProgrammeStore } from './store/programme-store.ts';
import { SlotStore } from './store/slot-store.ts';
import type { RelayStore } from './store/relay-store.ts';
import { MIN_EXTENSION_VERSION, RELAY_VERSION } from './version.ts';

export const DEFAULT_INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** A 1 MiB payload plus the JSON around it and escaping headroom. */
export const MAX_BODY_BYTES = 1.5 * 1024 * 1024;
/** Clients only ever send the hello frame on the stream. */
export const MAX_STREAM_FRAME_BYTES = 4 * 1024;

export interface CreateAppOptions {
  store: RelayStore;
  /** Must be started (`hub.start()`) for streams to receive anything. */
  hub: Hub;
  now?: () => number;
  inviteTtlMs?: number;
  /** Where the JSON log lines go (stdout by default); pass `() => {}` to keep tests quiet. */
  log?: LogSink;
  logLevel?: LogLevel;
  /** A logger made by the caller (startRelay shares its own); `log` and `logLevel` are then unused. */
  logger?: RelayLogger;
  version?: string;
  /** The oldest extension version served; MIN_EXTENSION_VERSION by default. */
  minExtensionVersion?: string;
  /** Only these extensions' origins get CORS and may register (relay/allowed-extensions.ts). */
  allowedExtensions?: AllowedExtensions;
  helloTimeoutMs?: number;
  pingIntervalMs?: number;
  maxBodyBytes?: number;
  /** Merged over DEFAULT_RATE_LIMITS; tests pass tiny ones (and a fake clock through `now`). */
  rateLimits?: Partial<RateLimits>;
  /** Where a request comes from, for per-address limits; the TCP peer by default. */
  clientAddress?: ClientAddress;
  /** When set, the operator's routes exist under /admin, behind this secret (relay/routes/admin.ts). */
  adminSecret?: string;
  /** Group commit's batch sizes (relay/post-batcher.ts); the defaults suit both databases. */
  postBatching?: PostBatcherOptions;
}

/**
 * The relay as a Hono app, without a server: tests drive it with `app.request()`, and
 * `startRelay` serves it and attaches WebSockets with `injectWebSocket(server)`.
 */
export function createApp(options: CreateAppOptions) {
  const now = options.now ?? Date.now;
  const clientAddress = options.clientAddress ?? socketAddress;
  const limits = resolveRateLimits(options.rateLimits);
  const log = options.logger ?? createLogger({ sink: options.log, level: options.logLevel });
  const deps: RelayDeps = {
    store: options.store,
    programmes: new ProgrammeStore(options.store.sql),
    slots: new SlotStore(options.store.sql),
    hub: options.hub,
    now,
    inviteTtlMs: options.inviteTtlMs ?? DEFAULT_INVITE_TTL_MS,
    version: options.version ?? RELAY_VERSION,
    minExtensionVersion: options.minExtensionVersion ?? MIN_EXTENSION_VERSION,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    pingIntervalMs: options.pingIntervalMs ?? 20_000,
    log,
    limiter: new RateLimiter(options.store.sql, limits, now),
    revokedDevices: new RevokedDevices(limits.revokedRetriesPerDevice, now),
    deviceCache: new DeviceCache(now),
    posts: new PostBatcher(options.store, options.hub, options.postBatching),
    allowedExtensions: options.allowedExtensions ?? null,
    clientKey: (c) => addressKey(clientAddress(c)),
  };

  const app = new Hono<RelayEnv>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws accepts 100 MiB frames by default, before the hello is checked; a hello is ~100 bytes.
  // node-ws gives no option for it, but ws reads this at each upgrade.
  wss.options.maxPayload = MAX_STREAM_FRAME_BYTES;

  // Order matters: CORS answers preflights before auth, and the size check runs before any parsing.
  app.use(requestLog(deps.log));
  app.use(extensionCors(deps.allowedExtensions));
  app.use(
    requestBody({
      maxSize: options.maxBodyBytes ?? MAX_BODY_BYTES,
      // A CSV import gets a sentence about its file, not about screenshots.
      onError: (c) =>
        sendError(c, 413, 'too_large', c.req.path.endsWith('/imports') ? MESSAGES.importTooLarge : MESSAGES.tooLarge),
    }),
  );

  app.route('/health', healthRoutes(deps));
  app.route(WELL_KNOWN_PATH, wellKnownRoutes(deps));
  app.route('/devices', deviceRoutes(deps));
  app.route('/invites', inviteRoutes(deps));
  app.route('/pairs', pairRoutes(deps));
  app.route('/pairs', pairProgrammeRoutes(deps));
  app.route('/stream', streamRoutes(deps, upgradeWebSocket));
  app.route('/coordinator', coordinatorRoutes(deps, options.adminSecret));
  app.route('/programme-joins', programmeJoinRoutes(deps));
  app.route(ADMIN_PREFIX, options.adminSecret ? adminRoutes(deps, options.adminSecret) : adminNotConfigured());
  mountApiDocs(app, deps, limits.apiDocsPerAddress);

  app.notFound((c) => sendError(c, 404, 'not_found', MESSAGES.notFound));
  app.onError((error, c) => {
    // The validator throws a 400 HTTPException for a body that is not JSON at all.
    if (error instanceof HTTPException && error.status === 400) {
      return sendError(c, 400, 'bad_request', MESSAGES.badJson);
    }
    if (error instanceof HTTPException && error.status > 400 && error.status < 500) {
      return sendError(c, error.status, 'bad_request', MESSAGES.badRequest);
    }
    // The stack goes to the server log only; the client gets a sentence.
    c.var.log.error({ method: c.req.method, ...errorFields(error) }, 'internal error');
    return sendError(c, 500, 'internal', MESSAGES.internal);
  });

  return { app, injectWebSocket, wss };
}
