/**
 * A body nested thousands of levels deep (found by the fuzz, seed -1194469117) once overflowed the
 * stack of the relay's text check and got a 500. It is bad input: a 400 that names it, nothing changed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '@/relay/server';

let relay: RunningRelay;
beforeAll(async () => {
  relay = await startRelay({ port: 0, log: () => {} });
});
afterAll(async () => relay?.close());

const headers = (token?: string) => ({
  'content-type': 'application/json',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

it('answers a body nested 5,000 deep with a 400 that names it', async () => {
  const registered = await fetch(`${relay.url}/devices`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ displayName: 'Anne' }),
  });
  const { token } = (await registered.json()) as { token: string };
  let body = '1';
  for (let level = 0; level < 5000; level++) body = `{"displayName":"Deep","payload":${body}}`;
  const response = await fetch(`${relay.url}/devices/me`, { method: 'PATCH', headers: headers(token), body });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
});
