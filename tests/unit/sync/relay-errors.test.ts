/**
 * A failure on the way to the relay is named for what the person can do about it: nothing
 * answers (check the connection), another site answers (check the address), something refuses
 * (ask support to allow it), the server fails (try later). Each gets its own plain sentence.
 */
import { describe, expect, it } from 'vitest';
import { errorSentence } from '@/lib/i18n/i18n';
import { RelayClient, RelayError } from '@/lib/sync/relay-client';
import { speak } from '../helpers/i18n';

async function failureOf(answer: () => Promise<Response>): Promise<RelayError> {
  const client = new RelayClient('https://binome.example.com', 'token', answer);
  const error = await client.listPairs().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RelayError);
  return error as RelayError;
}

const html = (status: number) => async () =>
  new Response('<html>Not here</html>', { status, headers: { 'content-type': 'text/html' } });

describe('relay failures', () => {
  it.each([
    ['nothing answers', async () => Promise.reject(new TypeError('Failed to fetch')), 'network'],
    ['another site answers', html(404), 'protocol'],
    ['another site answers with a page', async () => Response.json({ welcome: true }), 'protocol'],
    ['a firewall refuses', html(403), 'refused'],
    ['a proxy wants a password', html(407), 'refused'],
    ['an unknown sign-in page refuses', html(401), 'refused'],
    ['the server fails', html(502), 'internal'],
  ] as const)('%s', async (_, answer, code) => {
    expect((await failureOf(answer)).code).toBe(code);
  });

  it('keeps the code a relay gives itself', async () => {
    const relayRefusal = async () =>
      Response.json({ error: { code: 'unauthorized', message: 'Unknown device.' } }, { status: 401 });
    expect((await failureOf(relayRefusal)).code).toBe('unauthorized');
  });

  it.each(['en', 'fr'] as const)('gives each its own sentence, without the word relay (%s)', (language) => {
    speak(language);
    const sentences = ['network', 'protocol', 'refused', 'internal', 'unauthorized'].map(errorSentence);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(sentences).not.toContain(errorSentence('unexpected'));
    for (const sentence of sentences) expect(sentence).not.toMatch(/relay|relais/i);
  });
});
