import { Hono } from 'hono';
import {
  acceptInviteRequest,
  createInviteRequest,
  normalizeInviteCode,
  type CreateInviteResponse,
} from '../../lib/protocol.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { newInviteCode, sha256Hex } from '../secrets.ts';
import { validate } from '../validate.ts';

/** A collision needs two equal codes among 31^8; a few draws are more than enough. */
const MAX_CODE_DRAWS = 5;

export function inviteRoutes(deps: RelayDeps) {
  const { store, hub } = deps;
  const auth = requireDevice(store);

  return new Hono<RelayEnv>()
    .post('/', auth, validate('json', createInviteRequest), async (c) => {
      const { role } = c.req.valid('json');
      const now = deps.now();
      const expiresAt = now + deps.inviteTtlMs;
      for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
        const code = newInviteCode();
        const inviterDeviceId = c.var.device.id;
        if (await store.createInvite({ codeHash: sha256Hex(code), inviterDeviceId, role, now, expiresAt })) {
          // Raw, without the dash: formatting for people is the UI's job.
          const body: CreateInviteResponse = { code, expiresAt };
          return c.json(body, 201);
        }
      }
      throw new Error('Could not draw a free invite code');
    })
    .post('/accept', auth, validate('json', acceptInviteRequest), async (c) => {
      const code = normalizeInviteCode(c.req.valid('json').code);
      if (!code) return sendError(c, 404, 'invite_invalid', MESSAGES.inviteInvalid);
      const accepterDeviceId = c.var.device.id;
      const result = await store.acceptInvite({ codeHash: sha256Hex(code), accepterDeviceId, now: deps.now() });
      if (!result.ok) {
        switch (result.reason) {
          case 'invalid':
            return sendError(c, 404, 'invite_invalid', MESSAGES.inviteInvalid);
          case 'expired':
            return sendError(c, 410, 'invite_expired', MESSAGES.inviteExpired);
          case 'used':
            return sendError(c, 409, 'invite_used', MESSAGES.inviteUsed);
          case 'own':
            return sendError(c, 400, 'invite_own', MESSAGES.inviteOwn);
        }
      }
      // The inviter is waiting on their screen; the accepter's other open views refresh too.
      await hub.publishPairsChanged([result.inviterDeviceId, accepterDeviceId]);
      return c.json({ pair: result.pair }, 201);
    });
}
