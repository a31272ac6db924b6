/**
 * Which extensions a relay serves: GET /.well-known/binome (its version and the oldest extension
 * it accepts), and ALLOWED_EXTENSION_IDS for CORS and registration (relay/allowed-extensions.ts).
 */
import { describe, expect, it } from 'vitest';
import { wellKnownResponse } from '@/lib/protocol/well-known';
import { parseAllowedExtensionIds } from '@/relay/allowed-extensions';
import { backends, countRows, newPublicKey, testRelay, useRelayDatabase } from './harness';

const LISTED = 'abcdefghijklmnopabcdefghijklmnop';
const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const FIREFOX_ID = 'binome@example.org';
const FIREFOX_ORIGIN = 'moz-extension://6a2b4e9c-0f1d-4c3b-9a8e-7d6c5b4a3f21';

describe.each(backends())('extension access on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const allowed = parseAllowedExtensionIds(`${LISTED}, ${FIREFOX_ID}`);

  it('tells its version and the oldest extension it serves, without auth', async () => {
    const relay = testRelay(db(), { version: '2.3.4', minExtensionVersion: '1.5.0' });
    const res = await relay.call('GET', '/.well-known/binome', { headers: { Origin: `chrome-extension://${OTHER}` } });
    expect(res.status).toBe(200);
    expect(wellKnownResponse.parse(res.body)).toEqual({ version: '2.3.4', minExtensionVersion: '1.5.0' });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(`chrome-extension://${OTHER}`);
  });

  it('gives CORS only to listed Chrome ids and to Firefox origins, which name no add-on', async () => {
    const relay = testRelay(db(), { allowedExtensions: allowed });
    const corsFor = async (origin: string) =>
      (await relay.call('GET', '/health', { headers: { Origin: origin } })).headers.get('Access-Control-Allow-Origin');
    expect(await corsFor(`chrome-extension://${LISTED}`)).toBe(`chrome-extension://${LISTED}`);
    expect(await corsFor(`chrome-extension://${OTHER}`)).toBeNull();
    expect(await corsFor(FIREFOX_ORIGIN)).toBe(FIREFOX_ORIGIN);
    expect(await corsFor('https://evil.example')).toBeNull();
    const preflight = await relay.app.request('/devices', {
      method: 'OPTIONS',
      headers: { Origin: `chrome-extension://${OTHER}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('registers only listed extensions: the Chrome id from the origin, the Firefox add-on id from the request', async () => {
    const relay = testRelay(db(), { allowedExtensions: allowed });
    const register = (origin: string | undefined, extensionId?: string) =>
      relay.call('POST', '/devices', {
        headers: origin ? { Origin: origin } : {},
        json: { displayName: 'Ana', publicKey: newPublicKey(), ...(extensionId ? { extensionId } : {}) },
      });
    expect((await register(`chrome-extension://${LISTED}`)).status).toBe(201);
    expect((await register(FIREFOX_ORIGIN, FIREFOX_ID)).status).toBe(201);

    const before = await countRows(db().sql, 'devices');
    for (const refused of [
      await register(`chrome-extension://${OTHER}`),
      // A Chrome origin cannot borrow a listed id through the body.
      await register(`chrome-extension://${OTHER}`, LISTED),
      await register(FIREFOX_ORIGIN),
      await register(FIREFOX_ORIGIN, 'other@example.org'),
      await register(undefined, FIREFOX_ID),
      await register('https://evil.example', FIREFOX_ID),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({ code: 'forbidden', message: expect.stringContaining('your organisation installed') });
    }
    expect(await countRows(db().sql, 'devices')).toBe(before);
    expect(relay.logLines.filter((line) => JSON.parse(line).level === 'warn')).toHaveLength(6);
  });

  it('admits every extension, and callers without an origin, when no list is set', async () => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/devices', {
      headers: { Origin: `chrome-extension://${OTHER}` },
      json: { displayName: 'Bob', publicKey: newPublicKey() },
    });
    expect(res.status).toBe(201);
    expect((await relay.call('POST', '/devices', { json: { displayName: 'Cleo' } })).status).toBe(201);
  });
});

describe('ALLOWED_EXTENSION_IDS', () => {
  it('reads a comma list, and refuses an entry that is not an id', () => {
    expect(parseAllowedExtensionIds(undefined)).toBeNull();
    expect(parseAllowedExtensionIds(' , ')).toBeNull();
    expect([...parseAllowedExtensionIds(`${LISTED},${FIREFOX_ID} `)!]).toEqual([LISTED, FIREFOX_ID]);
    expect(() => parseAllowedExtensionIds(`chrome-extension://${LISTED}`)).toThrow(/extension ids separated by commas/);
  });
});
