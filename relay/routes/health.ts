import { Hono } from 'hono';
import type { z } from 'zod';
import type { healthResponse } from '../../lib/protocol/protocol.ts';
import type { RelayDeps } from '../deps.ts';

/** Also touches the database, so a load balancer takes an instance out when its database is gone. */
export function healthRoutes(deps: RelayDeps) {
  return new Hono().get('/', async (c) => {
    await deps.store.ping();
    const body: z.infer<typeof healthResponse> = { ok: true, database: deps.store.sql.kind, version: deps.version };
    return c.json(body);
  });
}
