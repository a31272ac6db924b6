import { Hono } from 'hono';
import { z } from 'zod';
import {
  confirmPairingRequest,
  MAX_PAYLOAD_CHARS_BY_KIND,
  postMessageRequest,
  pullQuery,
  type PostMessageResponse,
  type PullResponse,
} from '../../lib/protocol/protocol.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { errorFields } from '../log.ts';
import { payloadBytes, type PostMessageResult } from '../store/relay-store.ts';
import { validate, validatePairParam } from '../validate.ts';

const pairParam = z.object({ pairId: z.uuid().transform((id) => id.toLowerCase()) });

export function pairRoutes(deps: RelayDeps) {
  const { store, hub, limiter } = deps;
  const auth = requireDevice(deps);
  // The append's transaction checks again that the sender is not revoked.
  const postAuth = requireDevice(deps, { remembered: true });
  const pairId = validatePairParam(pairParam);

  return (
    new Hono<RelayEnv>()
      .get('/', auth, async (c) => c.json({ pairs: await store.listPairs(c.var.device.id) }))

      // Carries the inviter's SPAKE2 confirmation, or a member's word that the other's did not
      // match; both browsers hear of it at once.
      .post('/:pairId/confirm', auth, pairId, validate('json', confirmPairingRequest), async (c) => {
        const body = c.req.valid('json');
        const result = await store.confirmPairing({
          pairId: c.req.valid('param').pairId,
          deviceId: c.var.device.id,
          confirm: 'confirm' in body ? body.confirm : undefined,
          now: deps.now(),
        });
        if (!result.ok) {
          return result.reason === 'not_found'
            ? sendError(c, 404, 'not_found', MESSAGES.pairNotFound)
            : sendError(c, 409, 'pairing_failed', MESSAGES.pairingClosed);
        }
        await hub.publishPairsChanged(result.memberIds);
        return c.body(null, 204);
      })

      // Leaving is for good and idempotent: the pair stays readable, nothing more can be posted.
      .delete('/:pairId', auth, pairId, async (c) => {
        const result = await store.leavePair({ pairId: c.req.valid('param').pairId, deviceId: c.var.device.id, now: deps.now() });
        if (result.status === 'not_found') return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
        if (result.status === 'left') await hub.publishPairsChanged(result.memberDeviceIds);
        return c.body(null, 204);
      })

      .post('/:pairId/messages', postAuth, pairId, validate('json', postMessageRequest), async (c) => {
        const message = c.req.valid('json');
        if (message.payload.length > MAX_PAYLOAD_CHARS_BY_KIND[message.kind]) {
          return sendError(c, 413, 'too_large', message.kind === 'question' ? MESSAGES.tooLarge : MESSAGES.replyTooLarge);
        }
        // PostgreSQL text cannot hold U+0000 (a ciphertext never has one): refused here, not by the batch's INSERT.
        if (message.payload.includes('\u0000')) return sendError(c, 400, 'bad_request', MESSAGES.badRequest);
        const senderDeviceId = c.var.device.id;
        // Counted before the work, so parallel posts cannot all slip under the limits together;
        // given back below unless the message was stored.
        const limited = await limiter.take([
          { limit: 'postsPerDevice', subject: senderDeviceId },
          { limit: 'postBytesPerDevice', subject: senderDeviceId, cost: payloadBytes(message.payload) },
        ]);
        if (!limited.ok) {
          c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
          return sendRateLimited(c, limited.retryAfterMs);
        }
        let result: PostMessageResult;
        try {
          // Answered after the commit of the batch it joined (relay/post-batcher.ts).
          result = await deps.posts.post(
            { ...message, pairId: c.req.valid('param').pairId, senderDeviceId, receivedAt: deps.now() },
            { maxStoredBytes: limiter.limits.storedBytesPerPair },
          );
        } catch (error) {
          // Nothing of its transaction was stored; the extension sends it again with the same id.
          c.var.log.error(errorFields(error), 'a post could not be stored');
          await limiter.refund(limited.taken).catch(() => {});
          return sendError(c, 503, 'internal', MESSAGES.notStored);
        }
        if (result.status !== 'created') await limiter.refund(limited.taken);
        switch (result.status) {
          case 'sender_revoked':
            deps.deviceCache.forget(senderDeviceId);
            return sendError(c, 401, 'unauthorized', MESSAGES.unauthorized);
          case 'not_found':
            return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
          case 'conflict':
            return sendError(c, 409, 'conflict', MESSAGES.idConflict);
          case 'pair_ended':
            return sendError(c, 410, 'pair_ended', MESSAGES.pairEnded);
          case 'peer_revoked':
            return sendError(c, 410, 'peer_revoked', MESSAGES.peerRevoked);
          case 'programme_ended':
            return sendError(c, 410, 'programme_ended', MESSAGES.programmeEnded);
          case 'quota_exceeded':
            c.var.log.warn({ limit: 'storedBytesPerPair' }, 'quota reached');
            return sendError(c, 413, 'quota_exceeded', MESSAGES.quotaExceeded);
          case 'duplicate': {
            const body: PostMessageResponse = { seq: result.seq, duplicate: true };
            return c.json(body, 200);
          }
          case 'created': {
            // The batch's NOTIFY went out after its commit: a stream told about seq N can always pull it.
            const body: PostMessageResponse = { seq: result.seq, duplicate: false };
            return c.json(body, 201);
          }
        }
      })

      .get('/:pairId/messages', auth, pairId, validate('query', pullQuery), async (c) => {
        const { after, limit } = c.req.valid('query');
        const page = await store.pullMessages({
          pairId: c.req.valid('param').pairId,
          deviceId: c.var.device.id,
          after,
          limit,
          now: deps.now(),
        });
        if (!page) return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
        const body: PullResponse = page;
        return c.json(body);
      })
  );
}
