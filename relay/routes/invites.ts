import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  acceptInviteRequest,
  createInviteRequest,
  lookupInviteRequest,
  NAMEPLATE_PATTERN,
  type CreateInviteResponse,
  type LookupInviteResponse,
} from '../../lib/protocol/protocol.ts';
import { isP256Point } from '../../lib/protocol/p256-point.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { sendRateLimited, type Charge, type LimitName } from '../rate-limit.ts';
import type { InviteRefusal } from '../store/relay-store.ts';
import { validate } from '../validate.ts';

/** Counted before the nameplate is looked up, and given back unless it named no invite. */
const FAILURE_LIMITS = new Set<LimitName>(['failedAcceptsPerDevice', 'failedAcceptsPerAddress']);

function sendRefusal(c: Context<RelayEnv>, reason: InviteRefusal | 'changed' | 'pair_exists') {
  switch (reason) {
    case 'invalid':
    case 'changed':
      return sendError(c, 404, 'invite_invalid', MESSAGES.inviteInvalid);
    case 'expired':
      return sendError(c, 410, 'invite_expired', MESSAGES.inviteExpired);
    case 'used':
      return sendError(c, 409, 'invite_used', MESSAGES.inviteUsed);
    case 'own':
      return sendError(c, 400, 'invite_own', MESSAGES.inviteOwn);
    case 'pair_exists':
      return sendError(c, 409, 'conflict', MESSAGES.pairExists);
  }
}

/**
 * Invites carry a SPAKE2 exchange the relay cannot check (lib/trust/pairing-protocol.ts): it only
 * stores the inviter's share under the nameplate, hands it to whoever names it, and records the
 * accepter's answer. A wrong password makes the browsers' confirmations fail, not the relay's
 * checks, so no relay-wide limit on wrong codes is needed (or possible): guesses cost each
 * guesser its own per-device and per-address budget, and never block someone else's code.
 */
export function inviteRoutes(deps: RelayDeps) {
  const { store, hub, limiter } = deps;
  const auth = requireDevice(deps);

  /**
   * Every lookup or claim counts as a failure until it named a real invite; a pairing attempt
   * (a lookup, then its claim) counts once against the attempts themselves.
   */
  async function takeAttempt(c: Context<RelayEnv>, step: 'lookup' | 'claim') {
    const deviceId = c.var.device.id;
    const address = deps.clientKey(c);
    const charges: Charge[] = [
      ...(step === 'lookup'
        ? ([
            { limit: 'acceptsPerDevice', subject: deviceId },
            { limit: 'acceptsPerAddress', subject: address },
          ] as const)
        : []),
      { limit: 'failedAcceptsPerDevice', subject: deviceId },
      { limit: 'failedAcceptsPerAddress', subject: address },
    ];
    const limited = await limiter.take(charges);
    if (!limited.ok) c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
    return limited;
  }

  return new Hono<RelayEnv>()
    .post('/', auth, validate('json', createInviteRequest), async (c) => {
      const { role, nameplate, share } = c.req.valid('json');
      const programmeId = c.req.valid('json').programmeId?.toLowerCase() ?? null;
      if (!isP256Point(share)) return sendError(c, 400, 'bad_request', MESSAGES.badPairingShare);
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      if (programmeId) {
        const programme = await deps.programmes.getProgramme(programmeId);
        if (!programme) return sendError(c, 404, 'not_found', MESSAGES.programmeNotFound);
        if (programme.endsAt <= deps.now()) return sendError(c, 410, 'programme_ended', MESSAGES.programmeOver);
      }
      const inviterDeviceId = c.var.device.id;
      const limited = await limiter.take([{ limit: 'invitesPerDevice', subject: inviterDeviceId }]);
      if (!limited.ok) {
        c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
        return sendRateLimited(c, limited.retryAfterMs);
      }
      const now = deps.now();
      const expiresAt = now + deps.inviteTtlMs;
      const maxOpen = limiter.limits.openInvitesPerDevice;
      const created = await store.createInvite({ nameplate, inviterDeviceId, role, share, now, expiresAt, maxOpen, programmeId });
      if (created.status === 'created') {
        const body: CreateInviteResponse = { expiresAt };
        return c.json(body, 201);
      }
      await limiter.refund(limited.taken); // nothing was created
      if (created.status === 'too_many') {
        c.var.log.warn({ limit: 'openInvitesPerDevice' }, 'rate limit reached');
        return sendRateLimited(c, created.retryAt - now, MESSAGES.tooManyOpenInvites(maxOpen));
      }
      // The browser drew a nameplate that is in use: it draws another one and tries again.
      return sendError(c, 409, 'conflict', MESSAGES.nameplateTaken);
    })

    .post('/lookup', auth, validate('json', lookupInviteRequest), async (c) => {
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      const limited = await takeAttempt(c, 'lookup');
      if (!limited.ok) return sendRateLimited(c, limited.retryAfterMs);
      const nameplate = c.req.valid('json').nameplate.toUpperCase();
      if (!NAMEPLATE_PATTERN.test(nameplate)) return sendError(c, 404, 'invite_invalid', MESSAGES.inviteInvalid);
      const found = await store.lookupInvite({ nameplate, accepterDeviceId: c.var.device.id, now: deps.now() });
      // A nameplate that exists (even used, expired or one's own) was not a guess.
      if (found.ok || found.reason !== 'invalid') await limiter.refund(limited.taken.filter((t) => FAILURE_LIMITS.has(t.limit)));
      if (!found.ok) return sendRefusal(c, found.reason);
      const { inviter } = found;
      const body: LookupInviteResponse = {
        inviter: { deviceId: inviter.id, displayName: inviter.displayName, publicKey: inviter.publicKey, revokedAt: null },
        inviterRole: found.inviterRole,
        share: found.share,
        expiresAt: found.expiresAt,
      };
      return c.json(body);
    })

    .post('/accept', auth, validate('json', acceptInviteRequest), async (c) => {
      const request = c.req.valid('json');
      if (!isP256Point(request.share)) return sendError(c, 400, 'bad_request', MESSAGES.badPairingShare);
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      const limited = await takeAttempt(c, 'claim');
      if (!limited.ok) return sendRateLimited(c, limited.retryAfterMs);
      const accepterDeviceId = c.var.device.id;
      const result = await store.acceptInvite({
        ...request,
        pairId: request.pairId.toLowerCase(),
        accepterDeviceId,
        now: deps.now(),
      });
      if (result.ok || result.reason !== 'invalid')
        await limiter.refund(limited.taken.filter((t) => FAILURE_LIMITS.has(t.limit)));
      if (!result.ok) return sendRefusal(c, result.reason);
      // The inviter's browser finishes the exchange as soon as it hears of the new pair.
      await hub.publishPairsChanged([result.inviterDeviceId, accepterDeviceId]);
      return c.json({ pair: result.pair }, 201);
    });
}
