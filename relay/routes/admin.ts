import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import {
  MIN_ADMIN_SECRET_CHARS,
  type DeletePairResponse,
  type ListDevicesResponse,
  type ListPairsAdminResponse,
  type RevokeDeviceResponse,
} from '../admin-api.ts';
import { AdminStore } from '../store/admin-store.ts';
import type { RelayDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { revokeDevice } from '../revocation.ts';
import { adminProgrammeRoutes } from './admin-programmes.ts';
import { sameSecret } from '../secrets.ts';

export const ADMIN_MESSAGES = {
  unauthorized: 'The admin secret is missing or wrong. Use the ADMIN_SECRET the relay was started with.',
  deviceNotFound: 'No device with this id is registered on this relay. Check the id, then try again.',
  pairNotFound: 'No pair with this id exists on this relay. Check the id (npm run relay:admin -- pairs), then try again.',
  notConfigured: 'This relay has no admin commands: start it with ADMIN_SECRET set in its environment.',
} as const;

const deviceParam = z.object({ deviceId: z.uuid().transform((id) => id.toLowerCase()) });
const pairParam = z.object({ pairId: z.uuid().transform((id) => id.toLowerCase()) });

/**
 * Operator commands, mounted under /admin only when ADMIN_SECRET is set (see createApp). Every
 * request is counted as a failure for its address before the secret is compared, and given back
 * when it matches: parallel guesses cannot all be compared before the first is counted.
 */
export function adminRoutes(deps: RelayDeps, adminSecret: string) {
  // It travels as `Authorization: Bearer <secret>`: a space in it could never be presented.
  if (adminSecret.length < MIN_ADMIN_SECRET_CHARS || /\s/.test(adminSecret)) {
    throw new Error(
      `ADMIN_SECRET must be at least ${MIN_ADMIN_SECRET_CHARS} characters long, without spaces (for example: openssl rand -base64 32)`,
    );
  }
  const requireAdmin = createMiddleware(async (c, next) => {
    const limited = await deps.limiter.take([{ limit: 'failedAdminPerAddress', subject: deps.clientKey(c) }]);
    if (!limited.ok) {
      c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
      return sendRateLimited(c, limited.retryAfterMs);
    }
    const presented = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (presented === undefined || !sameSecret(presented, adminSecret)) {
      return sendError(c, 401, 'unauthorized', ADMIN_MESSAGES.unauthorized);
    }
    await deps.limiter.refund(limited.taken);
    await next();
  });

  const admin = new AdminStore(deps.store.sql);
  return new Hono()
    .use(requireAdmin)
    .route('/programmes', adminProgrammeRoutes(deps))
    .get('/devices', async (c) => {
      const body: ListDevicesResponse = { devices: await admin.listDevices() };
      return c.json(body);
    })
    .get('/pairs', async (c) => {
      const body: ListPairsAdminResponse = { pairs: await admin.listPairs() };
      return c.json(body);
    })
    .delete('/pairs/:pairId', async (c) => {
      const param = pairParam.safeParse(c.req.param());
      const deleted = param.success ? await admin.deletePair(param.data.pairId) : null;
      if (!param.success || !deleted) return sendError(c, 404, 'not_found', ADMIN_MESSAGES.pairNotFound);
      await deps.hub.publishPairsChanged(deleted.memberDeviceIds);
      c.var.log.info({ pairId: param.data.pairId, deletedMessages: deleted.deletedMessages }, 'admin: pair deleted');
      const body: DeletePairResponse = {
        pairId: param.data.pairId,
        deletedMessages: deleted.deletedMessages,
        membersTold: deleted.memberDeviceIds.length,
      };
      return c.json(body);
    })
    .post('/devices/:deviceId/revoke', async (c) => {
      const param = deviceParam.safeParse(c.req.param());
      const revoked = param.success ? await revokeDevice(deps, param.data.deviceId) : null;
      if (!revoked) return sendError(c, 404, 'not_found', ADMIN_MESSAGES.deviceNotFound);
      c.var.log.info({ deviceId: revoked.deviceId, again: !revoked.changed }, 'admin: device revoked');
      const body: RevokeDeviceResponse = {
        deviceId: revoked.deviceId,
        displayName: revoked.displayName,
        revokedAt: revoked.revokedAt,
        alreadyRevoked: !revoked.changed,
        buddiesTold: revoked.buddiesTold,
      };
      return c.json(body);
    });
}

/** Without ADMIN_SECRET: a sentence for the CLI instead of a bare 404, and no admin route at all. */
export const adminNotConfigured = () => new Hono().all('*', (c) => sendError(c, 404, 'not_found', ADMIN_MESSAGES.notConfigured));
