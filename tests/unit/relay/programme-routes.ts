/**
 * The programme's routes, each with a request that would succeed for whoever may call it, and
 * what every kind of caller gets. The authorization matrix (programme-authorization.test.ts)
 * runs every cell; authorization.test.ts checks that, with its own table, every route the relay
 * registers has a row.
 */
import type { Device } from './harness';

export interface ProgrammeWorld {
  programmeId: string;
  otherProgrammeId: string;
  coordinatorSecret: string;
  otherCoordinatorSecret: string;
  pairId: string;
  member: Device;
  outsider: Device;
  importCsv: string;
  /** A valid SPAKE2 share, for the join routes' bodies. */
  share: string;
}

export type Caller = 'admin' | 'coordinator' | 'otherCoordinator' | 'device' | 'nobody';
export const CALLERS: Caller[] = ['admin', 'coordinator', 'otherCoordinator', 'device', 'nobody'];

/** 'ok' is any 2xx or 3xx; a number is the exact refusal, which must change nothing. */
export type Outcome = 'ok' | 401 | 403 | 404;

export interface ProgrammeRoute {
  request: (w: ProgrammeWorld) => { path: string; json?: unknown; text?: string; form?: Record<string, string> };
  outcomes: Record<Caller, Outcome>;
  /** Pair routes: a member of the pair gets through (the device column is a device outside it). */
  memberOk?: boolean;
  /** The error code of a 404, when it is not `not_found`. */
  notFoundCode?: string;
}

const ADMIN_ONLY: Record<Caller, Outcome> = { admin: 'ok', coordinator: 401, otherCoordinator: 401, device: 401, nobody: 401 };
const PROGRAMME_ONLY: Record<Caller, Outcome> = {
  admin: 'ok',
  coordinator: 'ok',
  otherCoordinator: 403,
  device: 401,
  nobody: 401,
};
/** A device route of a pair: coordinators and the operator are not devices. */
const PAIR_ONLY: Record<Caller, Outcome> = { admin: 401, coordinator: 401, otherCoordinator: 401, device: 404, nobody: 401 };
/** The page and its sign-in: credentials travel in the form, a refused one shows the form again. */
const PUBLIC: Record<Caller, Outcome> = { admin: 'ok', coordinator: 'ok', otherCoordinator: 'ok', device: 'ok', nobody: 'ok' };

export const PROGRAMME_ROUTES: Record<string, ProgrammeRoute> = {
  'POST /admin/programmes': {
    request: () => ({
      path: '/admin/programmes',
      json: { name: 'New programme', startsAt: 1_800_000_000_000, endsAt: 1_900_000_000_000 },
    }),
    outcomes: ADMIN_ONLY,
  },
  'GET /admin/programmes': { request: () => ({ path: '/admin/programmes' }), outcomes: ADMIN_ONLY },
  'POST /admin/programmes/:programmeId/coordinators': {
    request: (w) => ({ path: `/admin/programmes/${w.programmeId}/coordinators` }),
    outcomes: ADMIN_ONLY,
  },
  'POST /admin/programmes/:programmeId/sign-in-links': {
    request: (w) => ({ path: `/admin/programmes/${w.programmeId}/sign-in-links` }),
    outcomes: ADMIN_ONLY,
  },
  'GET /coordinator/programmes/:programmeId/report': {
    request: (w) => ({ path: `/coordinator/programmes/${w.programmeId}/report` }),
    outcomes: PROGRAMME_ONLY,
  },
  'GET /coordinator/programmes/:programmeId/report.csv': {
    request: (w) => ({ path: `/coordinator/programmes/${w.programmeId}/report.csv` }),
    outcomes: PROGRAMME_ONLY,
  },
  'GET /pairs/:pairId/programme': {
    request: (w) => ({ path: `/pairs/${w.pairId}/programme` }),
    outcomes: PAIR_ONLY,
    memberOk: true,
  },
  'PUT /pairs/:pairId/rating': {
    request: (w) => ({ path: `/pairs/${w.pairId}/rating`, json: { rating: 3, wouldRecommend: true } }),
    outcomes: PAIR_ONLY,
    memberOk: true,
  },
  'DELETE /pairs/:pairId/rating': {
    request: (w) => ({ path: `/pairs/${w.pairId}/rating` }),
    outcomes: PAIR_ONLY,
    memberOk: true,
  },
  'POST /coordinator/programmes/:programmeId/imports': {
    request: (w) => ({ path: `/coordinator/programmes/${w.programmeId}/imports?dryRun=true`, text: w.importCsv }),
    outcomes: PROGRAMME_ONLY,
  },
  // A device with a code that names no planned pair: 404, as for a wrong invite code.
  'POST /programme-joins/lookup': {
    request: () => ({ path: '/programme-joins/lookup', json: { slotCode: 'ABCDEFGHJKMN' } }),
    outcomes: { ...PAIR_ONLY },
    notFoundCode: 'invite_invalid',
  },
  'POST /programme-joins/start': {
    request: (w) => ({ path: '/programme-joins/start', json: { slotCode: 'ABCDEFGHJKMN', share: w.share } }),
    outcomes: { ...PAIR_ONLY },
    notFoundCode: 'invite_invalid',
  },
  'POST /programme-joins/accept': {
    request: (w) => ({
      path: '/programme-joins/accept',
      json: {
        slotCode: 'ABCDEFGHJKMN',
        pairId: crypto.randomUUID(),
        inviterShare: w.share,
        share: w.share,
        confirm: 'A'.repeat(43),
      },
    }),
    outcomes: { ...PAIR_ONLY },
    notFoundCode: 'invite_invalid',
  },
  'GET /coordinator': { request: () => ({ path: '/coordinator' }), outcomes: PUBLIC },
  'GET /coordinator/sign-in': { request: () => ({ path: `/coordinator/sign-in?token=${'A'.repeat(43)}` }), outcomes: PUBLIC },
  'POST /coordinator/sign-in': {
    request: (w) => ({ path: '/coordinator/sign-in', form: { secret: w.coordinatorSecret } }),
    outcomes: PUBLIC,
  },
  'POST /coordinator/sign-out': { request: () => ({ path: '/coordinator/sign-out', form: {} }), outcomes: PUBLIC },
};
