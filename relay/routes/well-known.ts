import { Hono } from 'hono';
import type { WellKnownResponse } from '../../lib/protocol/well-known.ts';
import type { RelayDeps } from '../deps.ts';

/** No database, no auth: cheap enough for every extension to ask at each sync. */
export function wellKnownRoutes(deps: RelayDeps) {
  return new Hono().get('/', (c) => {
    const body: WellKnownResponse = { version: deps.version, minExtensionVersion: deps.minExtensionVersion };
    return c.json(body);
  });
}
