/**
 * Who may see a programme's report and import its pairs: the operator (ADMIN_SECRET, any
 * programme), or a coordinator of that programme, by its secret (`Authorization: Bearer`) or by
 * the session a sign-in link or the sign-in form opened (an HttpOnly cookie). A coordinator of
 * another programme gets 403 and changes nothing.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { RelayDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { DEVICE_TOKEN_PATTERN, sameSecret, sha256Hex } from '../secrets.ts';

export type CoordinatorAccess = { kind: 'admin' } | { kind: 'coordinator'; programmeId: string };
export type CoordinatorEnv = { Variables: { access: CoordinatorAccess; programmeId: string } };

export const SESSION_COOKIE = 'binome_coordinator';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

export const COORDINATOR_MESSAGES = {
  unauthorized:
    'The coordinator secret or session is missing, wrong or expired. Sign in again, or ask the relay’s operator for a new sign-in link.',
  forbidden:
    'This secret belongs to another programme: it gives access only to its own. Use the secret of this programme, or ask the relay’s operator for one.',
  programmeNotFound: 'There is no programme with this id on this relay. Check the id with `programme list`.',
} as const;

/** Secrets, link tokens and session ids are all 32 random bytes in base64url. */
export const isSecretShaped = (value: string | undefined): value is string => !!value && DEVICE_TOKEN_PATTERN.test(value);

/** The caller as the presented credential says; null when it names no programme. */
export async function accessOf(c: Context, deps: RelayDeps, adminSecret: string | undefined): Promise<CoordinatorAccess | null> {
  const header = c.req.header('Authorization');
  if (header !== undefined) {
    const presented = /^Bearer (\S+)$/.exec(header)?.[1];
    if (presented === undefined) return null;
    if (adminSecret && sameSecret(presented, adminSecret)) return { kind: 'admin' };
    if (!isSecretShaped(presented)) return null;
    const programmeId = await deps.programmes.programmeOfCoordinator(sha256Hex(presented));
    return programmeId ? { kind: 'coordinator', programmeId } : null;
  }
  const session = getCookie(c, SESSION_COOKIE);
  if (!isSecretShaped(session)) return null;
  const programmeId = await deps.programmes.programmeOfSession(sha256Hex(session), deps.now());
  return programmeId ? { kind: 'coordinator', programmeId } : null;
}

const programmeParam = z.object({ programmeId: z.uuid().transform((id) => id.toLowerCase()) });

/**
 * For routes under /programmes/:programmeId. Each request counts as a failure for its address
 * until its credential named a programme, as the admin routes do. A coordinator asking for a
 * programme that is not theirs, existing or not, gets the same 403: it learns nothing of others.
 */
export const requireProgrammeAccess = (deps: RelayDeps, adminSecret: string | undefined) =>
  createMiddleware<CoordinatorEnv>(async (c, next) => {
    const limited = await deps.limiter.take([{ limit: 'failedCoordinatorPerAddress', subject: deps.clientKey(c) }]);
    if (!limited.ok) {
      c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
      return sendRateLimited(c, limited.retryAfterMs);
    }
    const access = await accessOf(c, deps, adminSecret);
    if (!access) return sendError(c, 401, 'unauthorized', COORDINATOR_MESSAGES.unauthorized);
    await deps.limiter.refund(limited.taken);
    const param = programmeParam.safeParse(c.req.param());
    const programmeId = param.success ? param.data.programmeId : null;
    if (access.kind === 'coordinator' && programmeId !== access.programmeId) {
      return sendError(c, 403, 'forbidden', COORDINATOR_MESSAGES.forbidden);
    }
    if (!programmeId || !(await deps.programmes.getProgramme(programmeId))) {
      return sendError(c, 404, 'not_found', COORDINATOR_MESSAGES.programmeNotFound);
    }
    c.set('access', access);
    c.set('programmeId', programmeId);
    await next();
  });
