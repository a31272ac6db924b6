/** The end, its reminders and the nudges, on a fake clock: each fires once, new activity re-arms the nudges. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import type { BinomeDb, ProgrammeItem } from '@/lib/db/db';
import { pairChoices } from '@/lib/ask/ask-backend-local';
import { assertMayAsk } from '@/lib/programme/actions';
import { pairEnd, phaseAt } from '@/lib/programme/end';
import { bannersOf, dismissNotice } from '@/lib/programme/notices';
import { ProgrammeEndedError } from '@/lib/programme/programme-errors';
import { programmeRound } from '@/lib/programme/programme-round';
import { recordProgramme } from '@/lib/programme/programme-relay';
import { speak } from '../helpers/i18n';
import { freshDb, PAIR_ID, testPair } from '../helpers/db';

const DAY = 24 * 3_600_000;
/** The pair was made on 1 March 2026 at 9:00, local time. */
const PAIRED = new Date(2026, 2, 1, 9).getTime();
const at = (month: number, day: number, hour = 10) => new Date(2026, month - 1, day, hour).getTime();

async function agreedCharter(db: BinomeDb, endDate: string, createdAt = PAIRED) {
  const items: ProgrammeItem[] = [
    {
      id: '44444444-4444-4444-8444-000000000001',
      pairId: PAIR_ID,
      kind: 'goal',
      fromMe: false,
      createdAt,
      seq: 1,
      payload: {
        type: 'charter',
        objectives: [{ id: '33333333-3333-4333-8333-333333333333', skill: 'Charts' }],
        rhythmWeeks: 2,
        endDate,
      },
    },
    {
      id: '44444444-4444-4444-8444-000000000002',
      pairId: PAIR_ID,
      kind: 'goal',
      fromMe: true,
      createdAt: createdAt + 1,
      seq: 2,
      payload: { type: 'charter-accept', proposalId: '44444444-4444-4444-8444-000000000001' },
    },
  ];
  await db.programmeItems.bulkPut(items);
}

/** What the background shows after a round at the fake clock's time. */
async function roundAt(db: BinomeDb, time: number): Promise<string[]> {
  vi.setSystemTime(time);
  return (await programmeRound(db)).map((notice) => notice.type);
}

let db: BinomeDb;
beforeEach(async () => {
  fakeBrowser.reset();
  speak('en');
  vi.useFakeTimers({ toFake: ['Date'] });
  db = freshDb();
  await db.pairs.put(testPair({ createdAt: PAIRED, peerName: 'Karim' }));
});
afterEach(() => vi.useRealTimers());

describe('the end of a pair', () => {
  it('is the charter’s last day, or the programme’s end when that comes first', () => {
    const charterEnd = pairEnd({ endDate: '2026-06-30' }, null)!;
    expect(charterEnd).toMatchObject({
      lastDay: '2026-06-30',
      lastDayStartsAt: at(6, 30, 0),
      endsAt: at(7, 1, 0),
      source: 'charter',
    });
    expect(pairEnd({ endDate: '2026-06-30' }, { endsAt: at(6, 1, 0) })).toMatchObject({
      lastDay: '2026-05-31',
      source: 'programme',
    });
    expect(pairEnd(null, null)).toBeNull();
    expect(phaseAt(charterEnd, at(6, 29, 23))).toBe('open');
    expect(phaseAt(charterEnd, at(6, 30, 8))).toBe('last-day');
    expect(phaseAt(charterEnd, at(7, 1, 0))).toBe('ended');
  });

  it('refuses a new question after the end, queues nothing, and keeps the log', async () => {
    await agreedCharter(db, '2026-03-20');
    vi.setSystemTime(at(3, 20, 18));
    await expect(assertMayAsk(db, testPair(), Date.now())).resolves.toBeUndefined();
    const before = await queueQuestion(db, { pairId: PAIR_ID, text: 'On the last day?', context: null }, Date.now());
    vi.setSystemTime(at(3, 21, 0));
    await expect(
      queueQuestion(db, { pairId: PAIR_ID, text: 'After the end?', context: null }, Date.now()),
    ).rejects.toBeInstanceOf(ProgrammeEndedError);
    expect((await db.outbox.toArray()).map((item) => item.id)).toEqual([before]);
    expect(await db.threads.count()).toBe(1);
    expect(await pairChoices(db, Date.now())).toEqual([{ pairId: PAIR_ID, peerName: 'Karim', programmeEndedAt: at(3, 21, 0) }]);
  });

  it('follows the programme the relay reports when the pair has no charter', async () => {
    await recordProgramme(db, PAIR_ID, { name: 'Reverse mentoring 2026', startsAt: PAIRED, endsAt: at(4, 1, 0) });
    await expect(assertMayAsk(db, testPair(), at(3, 31, 23))).resolves.toBeUndefined();
    await expect(assertMayAsk(db, testPair(), at(4, 1, 0))).rejects.toBeInstanceOf(ProgrammeEndedError);
  });
});

describe('reminders before the end', () => {
  it('fire at D−14 and D−2 once each, then the wrap-up on the day, as notifications and banners', async () => {
    await agreedCharter(db, '2026-06-30', at(6, 1));
    // Active every day, so that no nudge mixes in.
    const keepTalking = async (time: number) =>
      db.programmeItems.put({
        id: crypto.randomUUID(),
        pairId: PAIR_ID,
        kind: 'agenda',
        fromMe: true,
        createdAt: time - 1,
        seq: null,
        payload: { type: 'agenda-discussed', item: 'x', discussed: true },
      });
    const fired: string[][] = [];
    for (const time of [
      at(6, 15),
      at(6, 16, 9),
      at(6, 16, 18),
      at(6, 17),
      at(6, 27),
      at(6, 28, 8),
      at(6, 28, 20),
      at(6, 29),
      at(6, 30, 1),
      at(6, 30, 22),
      at(7, 2),
    ]) {
      await keepTalking(time);
      fired.push(await roundAt(db, time));
    }
    expect(fired).toEqual([[], ['end-14'], [], [], [], ['end-2'], [], [], ['wrap-up'], [], []]);
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((options) => options.title)).toEqual([
      'Under two weeks left with Karim',
      'Two days left with Karim',
      'Time to wrap up with Karim',
    ]);
    // The banner stays until hidden, and is not fired again once hidden.
    const [banner] = await bannersOf(db, at(7, 2));
    expect(banner?.type).toBe('wrap-up');
    await dismissNotice(db, banner!, at(7, 2));
    expect(await bannersOf(db, at(7, 3))).toEqual([]);
    expect(await roundAt(db, at(7, 3))).toEqual([]);
  });

  it('a charter agreed nine days before its end gets the first reminder at once, then D−2, never both at once', async () => {
    await agreedCharter(db, '2026-06-30', at(6, 21));
    const fired = [];
    for (const time of [at(6, 22), at(6, 28, 8), at(6, 28, 9)]) fired.push(await roundAt(db, time));
    expect(fired).toEqual([['end-14'], ['end-2'], []]);
  });

  it('an extension arms the reminders again for the new date', async () => {
    await agreedCharter(db, '2026-06-30', at(6, 1));
    expect(await roundAt(db, at(6, 28))).toContain('end-2');
    await db.programmeItems.bulkPut([
      {
        id: '44444444-4444-4444-8444-000000000003',
        pairId: PAIR_ID,
        kind: 'goal',
        fromMe: true,
        createdAt: at(6, 28, 11),
        seq: 3,
        payload: {
          type: 'charter',
          objectives: [{ id: '33333333-3333-4333-8333-333333333333', skill: 'Charts' }],
          rhythmWeeks: 2,
          endDate: '2026-07-31',
        },
      },
      {
        id: '44444444-4444-4444-8444-000000000004',
        pairId: PAIR_ID,
        kind: 'goal',
        fromMe: false,
        createdAt: at(6, 28, 12),
        seq: 4,
        payload: { type: 'charter-accept', proposalId: '44444444-4444-4444-8444-000000000003' },
      },
    ]);
    const fired = await roundAt(db, at(7, 17, 9));
    expect(fired).toContain('end-14');
    expect(fired).not.toContain('end-2');
  });
});

describe('nudges for a silent pair', () => {
  it('at 7 days a friendly nudge, at 14 days pause or carry on, once each; new activity resets them', async () => {
    const fired = [];
    for (const time of [PAIRED + 6 * DAY, PAIRED + 7 * DAY, PAIRED + 8 * DAY, PAIRED + 14 * DAY, PAIRED + 20 * DAY]) {
      fired.push(await roundAt(db, time));
    }
    expect(fired).toEqual([[], ['silent-7'], [], ['silent-14'], []]);
    const titles = Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((options) => options.title);
    expect(titles).toEqual(['A week without news between you and Karim', 'Two weeks of silence with Karim: pause or carry on?']);

    // A question on day 20: silence is counted again from it.
    vi.setSystemTime(PAIRED + 20 * DAY);
    await queueQuestion(db, { pairId: PAIR_ID, text: 'Still there?', context: null }, Date.now());
    expect(await roundAt(db, PAIRED + 26 * DAY)).toEqual([]);
    expect(await roundAt(db, PAIRED + 27 * DAY)).toEqual(['silent-7']);
  });

  it('are not sent once the programme is over, nor in a pair that was left', async () => {
    await agreedCharter(db, '2026-03-05');
    expect(await roundAt(db, at(3, 20))).toEqual(['wrap-up']);
    await db.pairs.update(PAIR_ID, { leftAt: at(3, 21), leftByMe: true });
    expect(await roundAt(db, at(4, 30))).toEqual([]);
  });

  it('speak French when the browser does', async () => {
    speak('fr');
    await roundAt(db, PAIRED + 7 * DAY);
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((options) => options.title)).toEqual([
      'Une semaine sans nouvelles entre vous et Karim',
    ]);
  });
});
