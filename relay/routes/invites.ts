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
import { sendRateLimited, type Charge, type LimitName } from '../rate-limit.ts';
import { newInviteCode, sha256Hex } from '../secrets.ts';
import { validate } from '../validate.ts';

/** A collision needs two equal codes among 31^8; a few draws are more than enough. */
const MAX_CODE_DRAWS = 5;

/** Counted before the code is looked up, and given back unless the code matched no invite. */
const FAILURE_LIMITS = new Set<LimitName>(['failedAcceptsPerDevice', 'failedAcceptsPerAddress', 'failedAcceptsPerRelay']);

export function inviteRoutes(deps: RelayDeps) {
  const { store, hub, limiter } = deps;
  const auth = requireDevice(store);

  return new Hono<RelayEnv>()
    .post('/', auth, validate('json', createInviteRequest), async (c) => {
      const { role } = c.req.valid('json');
      const inviterDeviceId = c.var.device.id;
      const limited = await limiter.take([{ limit: 'invitesPerDevice', subject: inviterDeviceId }]);
      if (!limited.ok) {
        deps.log(`rate limit reached: ${limited.limit}`);
        return sendRateLimited(c, limited.retryAfterMs);
      }
      const now = deps.now();
      const expiresAt = now + deps.inviteTtlMs;
      const maxOpen = limiter.limits.openInvitesPerDevice;
      for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
        const code = newInviteCode();
        const created = await store.createInvite({ codeHash: sha256Hex(code), inviterDeviceId, role, now, expiresAt, maxOpen });
        if (created.status === 'created') {
          // Raw, without the dash: formatting for people is the UI's job.
          const body: CreateInviteResponse = { code, expiresAt };
          return c.json(body, 201);
        }
        if (created.status === 'too_many') {
          await limiter.refund(limited.taken); // nothing was created
          deps.log('rate limit reached: openInvitesPerDevice');
          return sendRateLimited(c, created.retryAt - now, MESSAGES.tooManyOpenInvites(maxOpen));
        }
      }
      throw new Error('Could not draw a free invite code');
    })
    .post('/accept', auth, validate('json', acceptInviteRequest), async (c) => {
      const accepterDeviceId = c.var.device.id;
      const address = deps.clientKey(c);
      // Every attempt is counted as a failure until proven otherwise: parallel guesses cannot
      // all pass before the first of them is counted.
      const charges: Charge[] = [
        { limit: 'acceptsPerDevice', subject: accepterDeviceId },
        { limit: 'acceptsPerAddress', subject: address },
        { limit: 'failedAcceptsPerDevice', subject: accepterDeviceId },
        { limit: 'failedAcceptsPerAddress', subject: address },
        { limit: 'failedAcceptsPerRelay', subject: 'relay' },
      ];
      const limited = await limiter.take(charges);
      if (!limited.ok) {
        deps.log(`rate limit reached: ${limited.limit}`);
        return sendRateLimited(c, limited.retryAfterMs);
      }
      const code = normalizeInviteCode(c.req.valid('json').code);
      if (!code) return sendError(c, 404, 'invite_invalid', MESSAGES.inviteInvalid);
      const result = await store.acceptInvite({ codeHash: sha256Hex(code), accepterDeviceId, now: deps.now() });
      // A code that exists (even used, expired or one's own) was not a guess.
      if (result.ok || result.reason !== 'invalid') await limiter.refund(limited.taken.filter((t) => FAILURE_LIMITS.has(t.limit)));
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
