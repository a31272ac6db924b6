import { createMiddleware } from 'hono/factory';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { DEVICE_TOKEN_PATTERN, sha256Hex } from '../secrets.ts';
import type { Device, RelayStore } from '../store/relay-store.ts';

/** Looks up the device behind a raw token; malformed tokens never reach the database. */
export async function deviceForToken(store: RelayStore, token: string): Promise<Device | null> {
  if (!DEVICE_TOKEN_PATTERN.test(token)) return null;
  return store.findActiveDeviceByTokenHash(sha256Hex(token));
}

/**
 * `Authorization: Bearer <token>`. Missing, malformed, unknown and revoked tokens all get the
 * same 401, so a caller cannot probe which tokens once existed. A revoked device's retries are
 * answered from memory and, past a limit, with 429 (relay/revoked-devices.ts): only the holder of
 * a token that once worked can tell, and they knew.
 */
export const requireDevice = (
  deps: Pick<RelayDeps, 'store' | 'revokedDevices' | 'deviceCache'>,
  options: {
    /**
     * Trust a device found in the last few minutes (relay/device-cache.ts). Only for routes whose
     * transaction checks again that the device is not revoked.
     */
    remembered?: boolean;
  } = {},
) =>
  createMiddleware<RelayEnv>(async (c, next) => {
    const token = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token || !DEVICE_TOKEN_PATTERN.test(token)) return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
    const tokenHash = sha256Hex(token);
    const remembered = options.remembered ? deps.deviceCache.get(tokenHash) : undefined;
    if (remembered) {
      c.set('device', remembered);
      return next();
    }
    let revokedId = deps.revokedDevices.known(tokenHash);
    if (!revokedId) {
      const found = await deps.store.findDeviceByTokenHash(tokenHash);
      if (!found) return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
      if (found.revokedAt === null) {
        if (options.remembered) deps.deviceCache.remember(tokenHash, found.device);
        c.set('device', found.device);
        return next();
      }
      revokedId = found.device.id;
      deps.revokedDevices.remember(tokenHash, revokedId);
    }
    const retry = deps.revokedDevices.retried(revokedId, c.var.log);
    if (!retry.ok) return sendRateLimited(c, retry.retryAfterMs);
    return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
  });
