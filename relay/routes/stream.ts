import type { NodeWebSocket } from '@hono/node-ws';
import { Hono, type Context } from 'hono';
import type { WSContext } from 'hono/ws';
import { streamHello, type StreamEvent } from '../../lib/protocol/protocol.ts';
import type { RelayDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { errorFields } from '../log.ts';
import { deviceForToken } from '../middleware/auth.ts';

/** Application close codes (4000–4999): 4401 mirrors HTTP 401, so the client re-registers. */
export const CLOSE_UNAUTHORIZED = 4401;
/** Standard "internal error": the client should simply reconnect later. */
const CLOSE_INTERNAL = 1011;

function parseHello(data: unknown) {
  if (typeof data !== 'string') return null;
  try {
    const hello = streamHello.safeParse(JSON.parse(data));
    return hello.success ? hello.data : null;
  } catch {
    return null;
  }
}

/**
 * GET /stream: push "new message in pair P, seq N" and "your pairs changed". Browsers cannot
 * set headers on a WebSocket, so the token comes in the first frame; until it is checked the
 * socket receives nothing. The stream only says what to pull: content always goes over HTTP.
 */
export function streamRoutes(deps: RelayDeps, upgradeWebSocket: NodeWebSocket['upgradeWebSocket']) {
  const liveConnectionOnly = (c: Context) =>
    sendError(c, 426, 'bad_request', 'This address is for the live connection of the extension only.');

  return new Hono().get(
    '/',
    // Only a request that came through the server's 'upgrade' event (node-ws's injectWebSocket
    // passes no `outgoing`) can become a WebSocket. A plain request that merely carries an
    // Upgrade header would make node-ws answer 200 and wait forever for a socket that never
    // comes, keeping the request in memory; through app.request (no Node env) it would throw.
    async (c, next) => {
      const env = c.env as { incoming?: unknown; outgoing?: unknown } | undefined;
      if (env?.incoming && env.outgoing === undefined) return next();
      return liveConnectionOnly(c);
    },
    upgradeWebSocket(
      (c) => {
        let state: 'waiting' | 'checking' | 'ready' | 'closed' = 'waiting';
        let helloTimer: NodeJS.Timeout | undefined;
        let pingTimer: NodeJS.Timeout | undefined;
        let unsubscribe: (() => void) | undefined;

        // A function, not a comparison: `state` changes while greet awaits the database.
        const isClosed = () => state === 'closed';
        const stop = () => {
          state = 'closed';
          clearTimeout(helloTimer);
          clearInterval(pingTimer);
          unsubscribe?.();
          unsubscribe = undefined;
        };
        const send = (ws: WSContext, event: StreamEvent) => {
          if (ws.readyState === 1) ws.send(JSON.stringify(event));
        };
        const hangUp = (ws: WSContext, code: number, reason: string) => {
          stop();
          ws.close(code, reason);
        };

        async function greet(data: unknown, ws: WSContext) {
          const hello = parseHello(data);
          const device = hello ? await deviceForToken(deps.store, hello.token) : null;
          if (isClosed()) return; // the client left while we were checking
          if (!device) return hangUp(ws, CLOSE_UNAUTHORIZED, 'unauthorized');
          clearTimeout(helloTimer);
          // Subscribe before `ready`: the client pulls on `ready`, so nothing can fall in between
          // (events before it are dropped: that pull covers them).
          unsubscribe = deps.hub.subscribe(device.id, (event) => {
            if (event.type === 'revoked') hangUp(ws, CLOSE_UNAUTHORIZED, 'revoked');
            else if (state === 'ready') send(ws, event);
          });
          // A revocation that committed while the token was being looked up was announced before
          // this subscription existed: look once more, now that no later notice can be missed.
          const stillActive = await deviceForToken(deps.store, hello!.token);
          if (isClosed()) return;
          if (!stillActive) return hangUp(ws, CLOSE_UNAUTHORIZED, 'revoked');
          state = 'ready';
          send(ws, { type: 'ready', deviceId: device.id });
          // Traffic every 20 s keeps Chrome's MV3 service worker, which holds this socket, alive.
          pingTimer = setInterval(() => send(ws, { type: 'ping' }), deps.pingIntervalMs);
        }

        return {
          onOpen(_event, ws) {
            helloTimer = setTimeout(() => hangUp(ws, CLOSE_UNAUTHORIZED, 'hello expected'), deps.helloTimeoutMs);
          },
          onMessage(event, ws) {
            // After the hello the client has nothing to say; later frames are ignored.
            if (state !== 'waiting') return;
            state = 'checking';
            greet(event.data, ws).catch((error: unknown) => {
              c.var.log.error(errorFields(error), 'stream hello failed');
              hangUp(ws, CLOSE_INTERNAL, 'internal error');
            });
          },
          onClose: stop,
          onError: stop,
        };
      },
      {
        // node-ws reports here what our handlers throw, and its own slips (on Node 20 it builds an
        // ErrorEvent, which Node 20 lacks, when a frame is too large); the default is console.error.
        onError: (error) => deps.log.error(errorFields(error), 'stream error'),
      },
    ),
    // An upgrade request that is not for a WebSocket: upgradeWebSocket passes those on.
    liveConnectionOnly,
  );
}
