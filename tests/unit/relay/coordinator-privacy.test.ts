/**
 * A property of the coordinator's report, page and CSV, checked on programmes drawn at random
 * (fast-check, fixed seed): whatever the pairs wrote, no payload and no word of any payload
 * appears in them; in a programme of fewer than 5 pairs, no name of a person appears either.
 * Payloads here are plain words, not sealed, so that any leak would be visible.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS } from '@/lib/protocol/protocol';
import { backends, fakeClock, testRelay, useRelayDatabase } from './harness';
import { ADMIN_SECRET, createProgramme, DAY, programmePair } from './programme-world';

/** Nine letters, mostly rare ones: a word drawn here cannot occur in the page's own text by chance. */
const word = fc.array(fc.constantFrom(...'qxzjkvwy'), { minLength: 9, maxLength: 9 }).map((letters) => letters.join(''));
const name = word.map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`);

const programmeArbitrary = fc.record({
  pairs: fc.array(
    fc.record({
      senior: name,
      junior: name,
      messages: fc.array(
        fc.record({
          fromSenior: fc.boolean(),
          kind: fc.constantFrom(...MESSAGE_KINDS),
          words: fc.array(word, { minLength: 1, maxLength: 6 }),
          afterHours: fc.integer({ min: 0, max: 24 * 20 }),
        }),
        { maxLength: 6 },
      ),
      leaves: fc.boolean(),
      rating: fc.option(fc.record({ rating: fc.integer({ min: 1, max: 4 }), wouldRecommend: fc.boolean() })),
    }),
    { minLength: 0, maxLength: 8 },
  ),
  seenAfterDays: fc.integer({ min: 0, max: 70 }),
});

describe.each(backends())('the coordinator never sees content, on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('the report, the page and the CSV hold no payload, no word of one, and no name in a group under 5', async () => {
    await fc.assert(
      fc.asyncProperty(programmeArbitrary, async (drawn) => {
        const clock = fakeClock();
        const relay = testRelay(db(), { now: clock.now, adminSecret: ADMIN_SECRET });
        const start = clock.time;
        const { programme, coordinatorSecret } = await createProgramme(relay, { startsAt: start, endsAt: start + 56 * DAY });
        const contentWords: string[] = [];
        const names: string[] = [];
        for (const planned of drawn.pairs) {
          clock.time = start;
          const pair = await programmePair(
            relay,
            programme.id,
            await relay.register(planned.senior),
            await relay.register(planned.junior),
          );
          names.push(planned.senior, planned.junior);
          for (const message of planned.messages) {
            clock.time = start + message.afterHours * 60 * 60 * 1000;
            contentWords.push(...message.words);
            const res = await relay.post(message.fromSenior ? pair.senior : pair.junior, pair.pairId, {
              kind: message.kind,
              payload: message.words.join(' '),
            });
            expect(res.status).toBeLessThan(300);
          }
          if (planned.rating) {
            await relay.call('PUT', `/pairs/${pair.pairId}/rating`, { token: pair.senior.token, json: planned.rating });
          }
          if (planned.leaves) await relay.call('DELETE', `/pairs/${pair.pairId}`, { token: pair.junior.token });
        }
        clock.time = start + drawn.seenAfterDays * DAY;
        const auth = { headers: { Authorization: `Bearer ${coordinatorSecret}` } };
        const report = await (await relay.app.request(`/coordinator/programmes/${programme.id}/report`, auth)).text();
        const csv = await (await relay.app.request(`/coordinator/programmes/${programme.id}/report.csv`, auth)).text();
        const signedIn = await relay.app.request('/coordinator/sign-in', {
          method: 'POST',
          body: new URLSearchParams({ secret: coordinatorSecret }).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        const cookie = (signedIn.headers.get('Set-Cookie') ?? '').split(';')[0]!;
        const pages = await Promise.all(
          ['en', 'fr'].map(async (lang) =>
            (await relay.app.request(`/coordinator?lang=${lang}`, { headers: { Cookie: cookie } })).text(),
          ),
        );
        for (const text of [report, csv, ...pages]) {
          const lower = text.toLowerCase();
          for (const contentWord of contentWords) expect(lower).not.toContain(contentWord);
          if (drawn.pairs.length < 5) for (const person of names) expect(lower).not.toContain(person.toLowerCase());
        }
        expect(pages[0]).toContain(programme.name);
      }),
      { seed: 20_270_104, numRuns: 12 },
    );
  }, 120_000);
});
