import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  isSecretShaped,
  requireProgrammeAccess,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type CoordinatorEnv,
} from '../coordinator/access.ts';
import { loadReport } from '../coordinator/load-report.ts';
import { reportPage, signInLinkPage, signInPage, type PageFrame } from '../coordinator/page.ts';
import { reportCsv } from '../coordinator/report-csv.ts';
import { pageLanguage } from '../coordinator/strings.ts';
import type { RelayDeps } from '../deps.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { importRoutes } from './programme-imports.ts';
import { newDeviceToken, sameSecret, sha256Hex } from '../secrets.ts';

/** No script, no external resource, no framing; the one stylesheet carries the nonce. */
const contentSecurityPolicy = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const signInForm = z.union([z.object({ token: z.string().max(200) }), z.object({ secret: z.string().max(200) })]);

/** Behind a TLS proxy the relay sees http: the proxy's X-Forwarded-Proto says what the browser used. */
const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';

/** A form posted from another site's page: its Origin names another host. */
const crossSite = (c: Context) => {
  const origin = c.req.header('Origin');
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== c.req.header('Host');
  } catch {
    return true;
  }
};

/**
 * The coordinator's page (`/coordinator`, HTML for a person) and the same report for programs
 * (`/coordinator/programmes/:id/report`, JSON, and `.csv`), plus the CSV import of pairs.
 */
export function coordinatorRoutes(deps: RelayDeps, adminSecret: string | undefined) {
  const { programmes } = deps;
  const access = requireProgrammeAccess(deps, adminSecret);

  function frameOf(c: Context): PageFrame {
    return {
      language: pageLanguage(c.req.query('lang'), c.req.header('Accept-Language')),
      path: '/coordinator',
      nonce: randomBytes(16).toString('base64'),
    };
  }

  async function sendPage(c: Context, frame: PageFrame, status: 200 | 401 | 403, page: ReturnType<typeof signInPage>) {
    c.header('Content-Security-Policy', contentSecurityPolicy(frame.nonce));
    c.header('X-Content-Type-Options', 'nosniff');
    // Not no-referrer: under it a browser sends `Origin: null` with the page's own sign-in form,
    // which crossSite must refuse. same-origin still tells no other site where the person was.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    return c.html(await page, status);
  }

  async function sessionProgramme(c: Context): Promise<string | null> {
    const session = getCookie(c, SESSION_COOKIE);
    return isSecretShaped(session) ? programmes.programmeOfSession(sha256Hex(session), deps.now()) : null;
  }

  const app = new Hono<CoordinatorEnv>()
    .get('/', async (c) => {
      const frame = frameOf(c);
      const programmeId = await sessionProgramme(c);
      if (!programmeId || !(await programmes.getProgramme(programmeId))) return sendPage(c, frame, 200, signInPage(frame));
      return sendPage(c, frame, 200, reportPage(frame, await loadReport(deps, programmeId)));
    })

    // Opening a link spends nothing (see signInLinkPage); the button's POST does.
    .get('/sign-in', async (c) => {
      const frame = frameOf(c);
      const token = c.req.query('token');
      if (!isSecretShaped(token)) return sendPage(c, frame, 401, signInPage(frame, { failed: true }));
      return sendPage(c, frame, 200, signInLinkPage(frame, token));
    })

    .post('/sign-in', async (c) => {
      const frame = frameOf(c);
      if (crossSite(c)) return sendPage(c, frame, 403, signInPage(frame, { failed: true }));
      const limited = await deps.limiter.take([{ limit: 'failedCoordinatorPerAddress', subject: deps.clientKey(c) }]);
      if (!limited.ok) {
        c.var.log.warn({ limit: limited.limit }, 'rate limit reached');
        return sendRateLimited(c, limited.retryAfterMs);
      }
      const form = signInForm.safeParse(await c.req.parseBody().catch(() => ({})));
      let programmeId: string | null = null;
      if (form.success && 'token' in form.data && isSecretShaped(form.data.token)) {
        programmeId = await programmes.spendSignInLink(sha256Hex(form.data.token), deps.now());
      } else if (form.success && 'secret' in form.data) {
        const secret = form.data.secret.trim();
        // The operator's secret opens no page: a session is one programme's, and the operator has the CLI.
        if (isSecretShaped(secret) && !(adminSecret && sameSecret(secret, adminSecret))) {
          programmeId = await programmes.programmeOfCoordinator(sha256Hex(secret));
        }
      }
      if (!programmeId) return sendPage(c, frame, 401, signInPage(frame, { failed: true }));
      await deps.limiter.refund(limited.taken);
      const session = newDeviceToken();
      const now = deps.now();
      await programmes.createSession({ tokenHash: sha256Hex(session), programmeId, now, expiresAt: now + SESSION_TTL_MS });
      setCookie(c, SESSION_COOKIE, session, {
        httpOnly: true,
        secure: isHttps(c),
        sameSite: 'Strict',
        path: '/coordinator',
        maxAge: SESSION_TTL_MS / 1000,
      });
      c.var.log.info('coordinator: signed in');
      return c.redirect(`/coordinator?lang=${frame.language}`, 303);
    })

    .post('/sign-out', async (c) => {
      const frame = frameOf(c);
      if (crossSite(c)) return sendPage(c, frame, 403, signInPage(frame));
      const session = getCookie(c, SESSION_COOKIE);
      if (isSecretShaped(session)) await programmes.deleteSession(sha256Hex(session));
      deleteCookie(c, SESSION_COOKIE, { path: '/coordinator', secure: isHttps(c), httpOnly: true, sameSite: 'Strict' });
      return sendPage(c, frame, 200, signInPage(frame, { signedOut: true }));
    })

    .get('/programmes/:programmeId/report', access, async (c) => c.json(await loadReport(deps, c.var.programmeId)))

    .get('/programmes/:programmeId/report.csv', access, async (c) => {
      const report = await loadReport(deps, c.var.programmeId);
      c.header('Content-Disposition', `attachment; filename="programme-${report.programme.id}.csv"`);
      c.header('Cache-Control', 'no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(reportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })

    .route('/programmes/:programmeId/imports', importRoutes(deps, access));
  return app;
}
