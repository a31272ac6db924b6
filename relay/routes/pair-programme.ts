import { Hono } from 'hono';
import { z } from 'zod';
import { wrapUpRatingRequest, type PairProgrammeResponse } from '../../lib/protocol/programme.ts';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MESSAGES, sendError } from '../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { validate, validatePairParam } from '../validate.ts';

const pairParam = z.object({ pairId: z.uuid().transform((id) => id.toLowerCase()) });

/**
 * A pair's programme, as its members may see it (mounted under /pairs beside relay/routes/pairs.ts):
 * its name and dates, so the extension can show the end, and the wrap-up rating a member agreed
 * to share. No route returns a rating: the buddy never sees it, the coordinator only an aggregate.
 */
export function pairProgrammeRoutes(deps: RelayDeps) {
  const { programmes } = deps;
  const auth = requireDevice(deps);
  const pairId = validatePairParam(pairParam);

  return (
    new Hono<RelayEnv>()
      .get('/:pairId/programme', auth, pairId, async (c) => {
        const found = await programmes.programmeOfPair(c.req.valid('param').pairId, c.var.device.id);
        if (!found) return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
        const { programme, endsAt } = found;
        const body: PairProgrammeResponse = {
          programme: programme && {
            id: programme.id,
            name: programme.name,
            startsAt: programme.startsAt,
            endsAt: programme.endsAt,
            helpUrl: programme.helpUrl,
          },
          endsAt,
        };
        return c.json(body);
      })

      .put('/:pairId/rating', auth, pairId, validate('json', wrapUpRatingRequest), async (c) => {
        const result = await programmes.setRating({
          ...c.req.valid('json'),
          pairId: c.req.valid('param').pairId,
          deviceId: c.var.device.id,
          now: deps.now(),
        });
        if (result === 'not_found') return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
        if (result === 'not_in_programme') return sendError(c, 409, 'conflict', MESSAGES.ratingWithoutProgramme);
        return c.body(null, 204);
      })

      // Withdrawing consent: the rating is deleted, not hidden.
      .delete('/:pairId/rating', auth, pairId, async (c) => {
        const result = await programmes.deleteRating(c.req.valid('param').pairId, c.var.device.id);
        if (result === 'not_found') return sendError(c, 404, 'not_found', MESSAGES.pairNotFound);
        return c.body(null, 204);
      })
  );
}
