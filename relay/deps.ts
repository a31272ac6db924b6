import type { Context } from 'hono';
import type { AllowedExtensions } from './allowed-extensions.ts';
import type { DeviceCache } from './device-cache.ts';
import type { Hub } from './hub.ts';
import type { PostBatcher } from './post-batcher.ts';
import type { RelayLogger } from './log.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RevokedDevices } from './revoked-devices.ts';
import type { ProgrammeStore } from './store/programme-store.ts';
import type { SlotStore } from './store/slot-store.ts';
import type { Device, RelayStore } from './store/relay-store.ts';

/** Everything the routes need, built once by createApp; tests swap the clock and timers. */
export interface RelayDeps {
  store: RelayStore;
  /** Programmes, coordinators, ratings and the report's metadata, on the same database. */
  programmes: ProgrammeStore;
  /** A programme's planned pairs and their joining. */
  slots: SlotStore;
  hub: Hub;
  now: () => number;
  inviteTtlMs: number;
  version: string;
  helloTimeoutMs: number;
  pingIntervalMs: number;
  /** The oldest extension this relay serves (GET /.well-known/binome). */
  minExtensionVersion: string;
  /** JSON lines, for what is not part of a request; a request logs through `c.var.log`, with its id. */
  log: RelayLogger;
  limiter: RateLimiter;
  revokedDevices: RevokedDevices;
  /** Devices recently signed in, for the posting route only (see requireDevice). */
  deviceCache: DeviceCache;
  /** Group commit: posts of any pairs that arrive together share one transaction. */
  posts: PostBatcher;
  /** ALLOWED_EXTENSION_IDS; null admits every extension. */
  allowedExtensions: AllowedExtensions;
  /** The key a client's per-address limits count under (see addressKey). */
  clientKey: (c: Context) => string;
}

/**
 * Hono's typed context: the auth middleware puts the calling device here. (The request log's
 * `c.var.log` is declared for every context, relay/middleware/request-log.ts.)
 */
export type RelayEnv = { Variables: { device: Device } };
