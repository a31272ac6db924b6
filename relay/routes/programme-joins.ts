import { Hono, type Context } from 'hono';
import {
  joinAcceptRequest,
  joinLookupRequest,
  joinStartRequest,
  JOINING_SLOT_CODE_PATTERN,
  type JoinLookupResponse,
} from '../../lib/protocol/programme.ts';
import { isP256Point } from '../../lib/protocol/p256-point.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { sha256Hex } from '../secrets.ts';
import { nameplateOf, ROLE_OF_SIDE, type JoinRefusal } from '../store/slot-store.ts';
import { validate } from '../validate.ts';

export const JOIN_MESSAGES = {
  invalid:
    'This joining code does not match any person of a programme. Check it against the e-mail from your coordinator and type it again.',
  used: 'This joining code has already been used on another browser. Ask your programme’s coordinator for help.',
  ended: 'This programme’s pair has ended: its joining code no longer works. Ask your programme’s coordinator.',
  conflict: 'Your buddy joined at the same moment. Binôme will try again.',
} as const;

function sendRefusal(c: Context<RelayEnv>, reason: JoinRefusal | 'pair_exists') {
  switch (reason) {
    case 'invalid':
      return sendError(c, 404, 'invite_invalid', JOIN_MESSAGES.invalid);
    case 'used':
      return sendError(c, 409, 'invite_used', JOIN_MESSAGES.used);
    case 'ended':
      return sendError(c, 410, 'programme_ended', JOIN_MESSAGES.ended);
    case 'conflict':
      return sendError(c, 409, 'conflict', JOIN_MESSAGES.conflict);
    case 'pair_exists':
      return sendError(c, 409, 'conflict', MESSAGES.pairExists);
  }
}

/**
 * Joining a programme's planned pair with a personal code (lib/sync/programme-join.ts). The relay
 * sees the code's slot part only; it carries the SPAKE2 shares as it does for invites, and cannot
 * tell a right pair secret from a wrong one. Codes that name nothing cost the guesser its budget.
 */
export function programmeJoinRoutes(deps: RelayDeps) {
  const { slots, limiter, hub } = deps;
  const auth = requireDevice(deps);

  async function takeAttempt(c: Context<RelayEnv>) {
    const limited = await limiter.take([
      { limit: 'failedJoinsPerDevice', subject: c.var.device.id },
      { limit: 'failedJoinsPerAddress', subject: deps.clientKey(c) },
    ]);
    if (!limited.ok) c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
    return limited;
  }

  return new Hono<RelayEnv>()
    .post('/lookup', auth, validate('json', joinLookupRequest), async (c) => {
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      const limited = await takeAttempt(c);
      if (!limited.ok) return sendRateLimited(c, limited.retryAfterMs);
      const slotCode = c.req.valid('json').slotCode.toUpperCase();
      if (!JOINING_SLOT_CODE_PATTERN.test(slotCode)) return sendRefusal(c, 'invalid');
      const found = await slots.lookup(sha256Hex(slotCode), c.var.device.id, deps.now());
      if (found.ok || found.reason !== 'invalid') await limiter.refund(limited.taken);
      if (!found.ok) return sendRefusal(c, found.reason);
      const { slot, buddy } = found;
      const { programme } = slot;
      const body: JoinLookupResponse = {
        nameplate: nameplateOf(slot.slotId),
        programme: {
          id: programme.id,
          name: programme.name,
          startsAt: programme.startsAt,
          endsAt: programme.endsAt,
          helpUrl: programme.helpUrl,
        },
        myRole: ROLE_OF_SIDE[slot.side],
        buddy:
          buddy && slot.starterShare
            ? {
                device: { deviceId: buddy.id, displayName: buddy.displayName, publicKey: buddy.publicKey, revokedAt: null },
                share: slot.starterShare,
              }
            : null,
        expiresAt: slot.endsAt,
        buddyName: slot.buddyName,
      };
      return c.json(body);
    })

    .post('/start', auth, validate('json', joinStartRequest), async (c) => {
      const { slotCode, share } = c.req.valid('json');
      if (!isP256Point(share)) return sendError(c, 400, 'bad_request', MESSAGES.badPairingShare);
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      const limited = await takeAttempt(c);
      if (!limited.ok) return sendRateLimited(c, limited.retryAfterMs);
      const result = await slots.start({ codeHash: sha256Hex(slotCode), deviceId: c.var.device.id, share, now: deps.now() });
      if (result.ok || result.reason !== 'invalid') await limiter.refund(limited.taken);
      if (!result.ok) return sendRefusal(c, result.reason);
      return c.json({ expiresAt: result.expiresAt }, 201);
    })

    .post('/accept', auth, validate('json', joinAcceptRequest), async (c) => {
      const request = c.req.valid('json');
      if (!isP256Point(request.share)) return sendError(c, 400, 'bad_request', MESSAGES.badPairingShare);
      if (!c.var.device.publicKey) return sendError(c, 400, 'bad_request', MESSAGES.pairingNeedsKey);
      const limited = await takeAttempt(c);
      if (!limited.ok) return sendRateLimited(c, limited.retryAfterMs);
      const result = await slots.accept({
        ...request,
        codeHash: sha256Hex(request.slotCode),
        pairId: request.pairId.toLowerCase(),
        deviceId: c.var.device.id,
        now: deps.now(),
      });
      if (result.ok || result.reason !== 'invalid') await limiter.refund(limited.taken);
      if (!result.ok) return sendRefusal(c, result.reason);
      // The first to join finishes the exchange as soon as it hears of the new pair.
      await hub.publishPairsChanged([result.starterDeviceId, c.var.device.id]);
      return c.json({ pair: result.pair }, 201);
    });
}
