import { Hono } from 'hono';
import { registerDeviceRequest, updateDeviceRequest, type RegisterDeviceResponse } from '../../lib/protocol/protocol.ts';
import { registrationAdmits } from '../allowed-extensions.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { INVALID_PUBLIC_KEY_MESSAGE, isP256PublicKey } from '../public-key.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { revokeDevice } from '../revocation.ts';
import { newDeviceToken, sha256Hex } from '../secrets.ts';
import { validate } from '../validate.ts';

/** A key every buddy can import, or nothing yet (it can be set later, once). */
const validKey = (publicKey: string | undefined) => publicKey === undefined || isP256PublicKey(publicKey);

export function deviceRoutes(deps: RelayDeps) {
  const { store, hub, limiter } = deps;
  const auth = requireDevice(deps);

  return (
    new Hono<RelayEnv>()
      // The raw token is shown once, in this response; the database only ever sees its hash.
      // Limited per address: each device is another budget of invite guesses.
      .post('/', validate('json', registerDeviceRequest), async (c) => {
        const { displayName, publicKey, extensionId } = c.req.valid('json');
        if (!validKey(publicKey)) return sendError(c, 400, 'bad_request', INVALID_PUBLIC_KEY_MESSAGE);
        if (!registrationAdmits(c.req.header('Origin'), extensionId, deps.allowedExtensions)) {
          c.var.log.warn('registration refused: extension not in ALLOWED_EXTENSION_IDS');
          return sendError(c, 403, 'forbidden', MESSAGES.extensionNotAllowed);
        }
        const limited = await limiter.take([{ limit: 'registerPerAddress', subject: deps.clientKey(c) }]);
        if (!limited.ok) {
          c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
          return sendRateLimited(c, limited.retryAfterMs);
        }
        const token = newDeviceToken();
        const device = await store.createDevice({ tokenHash: sha256Hex(token), displayName, publicKey, now: deps.now() });
        const body: RegisterDeviceResponse = { deviceId: device.id, token };
        return c.json(body, 201);
      })
      .patch('/me', auth, validate('json', updateDeviceRequest), async (c) => {
        const changes = c.req.valid('json');
        if (!validKey(changes.publicKey)) return sendError(c, 400, 'bad_request', INVALID_PUBLIC_KEY_MESSAGE);
        const device = await store.updateDevice(c.var.device.id, changes);
        if (device === 'revoked') return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
        if (device === 'key_locked') return sendError(c, 409, 'conflict', MESSAGES.publicKeyLocked);
        // Peers show this device's name and key from GET /pairs: tell them to refresh.
        await hub.publishPairsChanged(await store.peerDeviceIds(device.id));
        return c.json({ deviceId: device.id, displayName: device.displayName, publicKey: device.publicKey });
      })
      .delete('/me', auth, async (c) => {
        await revokeDevice(deps, c.var.device.id);
        return c.body(null, 204);
      })
  );
}
