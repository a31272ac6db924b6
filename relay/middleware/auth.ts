import { createMiddleware } from 'hono/factory';
import type { RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { DEVICE_TOKEN_PATTERN, sha256Hex } from '../secrets.ts';
import type { Device, RelayStore } from '../store/relay-store.ts';

/** Looks up the device behind a raw token; malformed tokens never reach the database. */
export async function deviceForToken(store: RelayStore, token: string): Promise<Device | null> {
  if (!DEVICE_TOKEN_PATTERN.test(token)) return null;
  return store.findActiveDeviceByTokenHash(sha256Hex(token));
}

/**
 * `Authorization: Bearer <token>`. Missing, malformed, unknown and revoked tokens all get the
 * same 401, so a caller cannot probe which tokens once existed.
 */
export const requireDevice = (store: RelayStore) =>
  createMiddleware<RelayEnv>(async (c, next) => {
    const match = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '');
    const device = match ? await deviceForToken(store, match[1]!) : null;
    if (!device) return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
    c.set('device', device);
    await next();
  });
