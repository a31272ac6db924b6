import { Hono } from 'hono';
import { z } from 'zod';
import {
  createProgrammeRequest,
  type AddCoordinatorResponse,
  type CreateProgrammeResponse,
  type ListProgrammesResponse,
  type SignInLinkResponse,
} from '../admin-api.ts';
import { COORDINATOR_MESSAGES, SIGN_IN_LINK_TTL_MS } from '../coordinator/access.ts';
import type { RelayDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { newDeviceToken, sha256Hex } from '../secrets.ts';
import { validate } from '../validate.ts';

const programmeParam = z.object({ programmeId: z.uuid().transform((id) => id.toLowerCase()) });

/**
 * The operator's programme commands, under /admin/programmes behind ADMIN_SECRET (mounted by
 * relay/routes/admin.ts). Secrets and sign-in links are answered once: the relay keeps hashes.
 */
export function adminProgrammeRoutes(deps: RelayDeps) {
  const { programmes } = deps;
  const programmeId = (param: Record<string, string>) => {
    const parsed = programmeParam.safeParse(param);
    return parsed.success ? parsed.data.programmeId : null;
  };

  return new Hono()
    .post('/', validate('json', createProgrammeRequest), async (c) => {
      const request = c.req.valid('json');
      const coordinatorSecret = newDeviceToken();
      const programme = await programmes.createProgramme({
        ...request,
        coordinatorSecretHash: sha256Hex(coordinatorSecret),
        now: deps.now(),
      });
      c.var.log.info('admin: programme created');
      const body: CreateProgrammeResponse = { programme, coordinatorSecret };
      return c.json(body, 201);
    })

    .get('/', async (c) => {
      const body: ListProgrammesResponse = { programmes: await programmes.listProgrammes() };
      return c.json(body);
    })

    .post('/:programmeId/coordinators', async (c) => {
      const id = programmeId(c.req.param());
      const coordinatorSecret = newDeviceToken();
      if (!id || !(await programmes.addCoordinator(id, sha256Hex(coordinatorSecret), deps.now()))) {
        return sendError(c, 404, 'not_found', COORDINATOR_MESSAGES.programmeNotFound);
      }
      c.var.log.info('admin: coordinator added');
      const body: AddCoordinatorResponse = { programmeId: id, coordinatorSecret };
      return c.json(body, 201);
    })

    .post('/:programmeId/sign-in-links', async (c) => {
      const id = programmeId(c.req.param());
      const token = newDeviceToken();
      const now = deps.now();
      const expiresAt = now + SIGN_IN_LINK_TTL_MS;
      if (!id || !(await programmes.createSignInLink({ programmeId: id, tokenHash: sha256Hex(token), now, expiresAt }))) {
        return sendError(c, 404, 'not_found', COORDINATOR_MESSAGES.programmeNotFound);
      }
      c.var.log.info('admin: coordinator sign-in link made');
      const body: SignInLinkResponse = { programmeId: id, path: `/coordinator/sign-in?token=${token}`, expiresAt };
      return c.json(body, 201);
    });
}
