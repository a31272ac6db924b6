/**
 * The coordinator's report against a fixture computed by hand: six pairs of a programme, their
 * questions, answers and kudos at known times, seen at three moments (mid-programme, two weeks
 * before the end, after it). The expected figures below were worked out on paper from the
 * timeline, not copied from the relay's output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { backends, fakeClock, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';
import { ADMIN_SECRET, createProgramme, DAY, programmePair } from './programme-world';

const HOUR = 60 * 60 * 1000;
const WEEK = 7 * DAY;

interface FixturePair {
  senior: Device;
  junior: Device;
  pairId: string;
}

describe.each(backends())('the coordinator report on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const clock = fakeClock();
  const T0 = clock.time;
  let relay: TestRelay;
  let programmeId: string;
  let coordinatorSecret: string;
  const pairs: FixturePair[] = [];

  async function at(time: number, sender: Device, pair: FixturePair, kind: string) {
    clock.time = time;
    const res = await relay.post(sender, pair.pairId, { kind, payload: `sealed ${kind}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  beforeAll(async () => {
    relay = testRelay(db(), { now: clock.now, adminSecret: ADMIN_SECRET });
    const created = await createProgramme(relay, { name: 'Fixture programme', startsAt: T0, endsAt: T0 + 8 * WEEK });
    programmeId = created.programme.id;
    coordinatorSecret = created.coordinatorSecret;
    for (let n = 1; n <= 6; n++) {
      clock.time = T0 + n * 60_000; // one minute apart, so the report lists them in this order
      const senior = await relay.register(`Senior ${n}`);
      const junior = await relay.register(`Junior ${n}`);
      pairs.push(await programmePair(relay, programmeId, senior, junior));
    }
    const [p1, p2, p3, p4, p5, p6] = pairs as [FixturePair, FixturePair, FixturePair, FixturePair, FixturePair, FixturePair];
    // P1: answered in 2 h; a junior's question answered in 10 h; a kudos on day 20.
    await at(T0 + 1 * DAY, p1.senior, p1, 'question');
    await at(T0 + 1 * DAY + 2 * HOUR, p1.junior, p1, 'answer');
    await at(T0 + 8 * DAY, p1.junior, p1, 'question');
    await at(T0 + 8 * DAY + 10 * HOUR, p1.senior, p1, 'answer');
    await at(T0 + 20 * DAY, p1.senior, p1, 'kudos');
    // P2: answered in 4 h; a question on day 21 never answered.
    await at(T0 + 2 * DAY, p2.senior, p2, 'question');
    await at(T0 + 2 * DAY + 4 * HOUR, p2.junior, p2, 'answer');
    await at(T0 + 21 * DAY, p2.senior, p2, 'question');
    // P3: answered in 1 h; a question on day 15 never answered.
    await at(T0 + 3 * DAY, p3.senior, p3, 'question');
    await at(T0 + 3 * DAY + 1 * HOUR, p3.junior, p3, 'answer');
    await at(T0 + 15 * DAY, p3.senior, p3, 'question');
    // P4: answered in 6 h, then silence.
    await at(T0 + 4 * DAY, p4.senior, p4, 'question');
    await at(T0 + 4 * DAY + 6 * HOUR, p4.junior, p4, 'answer');
    // P5: a junior's question answered in 20 h, a kudos, then left on day 12.
    await at(T0 + 5 * DAY, p5.junior, p5, 'question');
    await at(T0 + 5 * DAY + 20 * HOUR, p5.senior, p5, 'answer');
    await at(T0 + 10 * DAY, p5.junior, p5, 'kudos');
    clock.time = T0 + 12 * DAY;
    expect((await relay.call('DELETE', `/pairs/${p5.pairId}`, { token: p5.junior.token })).status).toBe(204);
    // P6: two questions, answered in 3 h and 30 h (the second answer comes after both), left on day 16.
    await at(T0 + 6 * DAY, p6.senior, p6, 'question');
    await at(T0 + 6 * DAY + 3 * HOUR, p6.junior, p6, 'answer');
    await at(T0 + 7 * DAY, p6.senior, p6, 'question');
    await at(T0 + 8 * DAY + 6 * HOUR, p6.junior, p6, 'answer');
    clock.time = T0 + 16 * DAY;
    expect((await relay.call('DELETE', `/pairs/${p6.pairId}`, { token: p6.senior.token })).status).toBe(204);

    // Outside the programme: a free pair and another programme's pair, busy, never counted.
    const [ana, bob] = [await relay.register('Ana'), await relay.register('Bob')];
    const free = await relay.pair(ana, bob);
    const other = await createProgramme(relay, { name: 'Other', startsAt: T0, endsAt: T0 + 8 * WEEK });
    const elsewhere = await programmePair(relay, other.programme.id);
    for (let i = 0; i < 3; i++) {
      await relay.post(ana, free.pairId, { kind: 'question' });
      await relay.post(elsewhere.junior, elsewhere.pairId, { kind: 'kudos' });
    }

    // Ratings, shared at wrap-up.
    const rate = async (device: Device, pair: FixturePair, rating: number, wouldRecommend: boolean) =>
      expect(
        (await relay.call('PUT', `/pairs/${pair.pairId}/rating`, { token: device.token, json: { rating, wouldRecommend } }))
          .status,
      ).toBe(204);
    await rate(p5.senior, p5, 4, true);
    await rate(p5.junior, p5, 3, false);
    await rate(p6.senior, p6, 2, true);
    const refused = await relay.call('PUT', `/pairs/${free.pairId}/rating`, {
      token: ana.token,
      json: { rating: 1, wouldRecommend: false },
    });
    expect(refused.status).toBe(409); // not in a programme: never stored, never counted
  });

  const report = async () => {
    const res = await relay.call('GET', `/coordinator/programmes/${programmeId}/report`, { token: coordinatorSecret });
    expect(res.status).toBe(200);
    return res.body;
  };
  const names = (n: number) => ({ senior: `Senior ${n}`, junior: `Junior ${n}` });

  it('on day 22: pairs by state, weekly questions, answered share, answer times, two-way share, kudos, check-ins', async () => {
    clock.time = T0 + 22 * DAY;
    expect(await report()).toEqual({
      programme: { id: programmeId, name: 'Fixture programme', startsAt: T0, endsAt: T0 + 8 * WEEK },
      generatedAt: T0 + 22 * DAY,
      figures: {
        pairs: { total: 6, active: 3, dormant: 1, ended: 2 },
        questions: 10,
        questionsPerWeek: [
          { week: 1, startsAt: T0, questions: 6 },
          { week: 2, startsAt: T0 + WEEK, questions: 2 },
          { week: 3, startsAt: T0 + 2 * WEEK, questions: 1 },
          { week: 4, startsAt: T0 + 3 * WEEK, questions: 1 },
        ],
        answeredShare: 8 / 10,
        // Delays 1, 2, 3, 4, 6, 10, 20, 30 h: the 4th of 8 is the median, the 8th the 90th percentile.
        timeToFirstAnswer: { medianMs: 4 * HOUR, p90Ms: 30 * HOUR },
        twoWayShare: 2 / 10,
        kudos: 2,
        // Two ended pairs shared a rating: fewer than 5, not shown.
        ratings: null,
        endingSoon: [],
        checkIns: [
          { ...names(3), reasons: ['unanswered'] },
          { ...names(4), reasons: ['silent'] },
        ],
      },
    });
  });

  it('on day 45: the four pairs still running are dormant, end within 14 days and need a check-in', async () => {
    clock.time = T0 + 45 * DAY;
    const { figures } = await report();
    expect(figures.pairs).toEqual({ total: 6, active: 0, dormant: 4, ended: 2 });
    expect(figures.questionsPerWeek.map((w: { questions: number }) => w.questions)).toEqual([6, 2, 1, 1, 0, 0, 0]);
    expect(figures.endingSoon).toEqual([1, 2, 3, 4].map((n) => ({ ...names(n), endsAt: T0 + 8 * WEEK })));
    expect(figures.checkIns).toEqual([
      { ...names(1), reasons: ['silent'] },
      { ...names(2), reasons: ['silent', 'unanswered'] },
      { ...names(3), reasons: ['silent', 'unanswered'] },
      { ...names(4), reasons: ['silent'] },
    ]);
  });

  it('after the end: every pair has ended, and ratings from 6 pairs give the average and the share recommending', async () => {
    clock.time = T0 + 60 * DAY;
    const [p1, p2, p3, p4] = pairs as [FixturePair, FixturePair, FixturePair, FixturePair];
    const rate = (device: Device, pair: FixturePair, rating: number, wouldRecommend: boolean) =>
      relay.call('PUT', `/pairs/${pair.pairId}/rating`, { token: device.token, json: { rating, wouldRecommend } });
    await rate(p1.senior, p1, 4, true);
    await rate(p2.junior, p2, 3, true);
    await rate(p3.senior, p3, 2, false);
    await rate(p4.junior, p4, 4, true);
    const { figures } = await report();
    expect(figures.pairs).toEqual({ total: 6, active: 0, dormant: 0, ended: 6 });
    expect(figures.questionsPerWeek).toHaveLength(8);
    // Ratings 4, 3, 2, 4 and, from before, 4, 3, 2: 22 / 7; five of the seven would recommend it.
    expect(figures.ratings).toEqual({ averageRating: 22 / 7, recommendShare: 5 / 7 });
    expect(figures.endingSoon).toEqual([]);
    expect(figures.checkIns).toEqual([]);
  });

  it('exports the same figures as CSV, one figure a line', async () => {
    clock.time = T0 + 22 * DAY;
    const res = await relay.app.request(`/coordinator/programmes/${programmeId}/report.csv`, {
      headers: { Authorization: `Bearer ${coordinatorSecret}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="programme-${programmeId}.csv"`);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('figure,detail,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'programme,,Fixture programme',
        'pairs,total,6',
        'pairs,active,3',
        'pairs,dormant,1',
        'pairs,ended,2',
        'questions,total,10',
        `questions_per_week,week 1 from ${new Date(T0).toISOString().slice(0, 10)},6`,
        'answered_share_percent,,80',
        'time_to_first_answer_hours,median,4',
        'time_to_first_answer_hours,p90,30',
        'two_way_share_percent,questions asked by juniors,20',
        'kudos,total,2',
        'ended_pairs_rating,average 1-4,hidden',
        'pairs_needing_check_in,total,2',
        'pair_needing_check_in,Senior 3 / Junior 3,unanswered',
        'pair_needing_check_in,Senior 4 / Junior 4,silent',
      ]),
    );
  });
});
