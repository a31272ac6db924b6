import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgrammeItem, Thread } from '@/lib/db/db';
import { charterState } from '@/lib/programme/charter';
import { checkCharter, objectiveProgress } from '@/lib/programme/charter-objectives';
import { CharterRefusedError } from '@/lib/programme/programme-errors';
import { speak } from '../helpers/i18n';
import { PAIR_ID } from '../helpers/db';

const A = '33333333-3333-4333-8333-333333333331';
const B = '33333333-3333-4333-8333-333333333332';
const charter = (id: string, fromMe: boolean, createdAt: number, endDate = '2026-06-30'): ProgrammeItem => ({
  id,
  pairId: PAIR_ID,
  kind: 'goal',
  fromMe,
  createdAt,
  seq: 1,
  payload: { type: 'charter', objectives: [{ id: A, skill: 'excel/pivot-tables' }], rhythmWeeks: 2, endDate },
});
const accept = (id: string, proposalId: string, fromMe: boolean, createdAt: number): ProgrammeItem => ({
  id,
  pairId: PAIR_ID,
  kind: 'goal',
  fromMe,
  createdAt,
  seq: 1,
  payload: { type: 'charter-accept', proposalId },
});
const id = (n: number) => `44444444-4444-4444-8444-${String(n).padStart(12, '0')}`;

describe('charterState', () => {
  it('an edit is a new proposal; the last accepted version wins', () => {
    const items = [
      charter(id(1), true, 10, '2026-06-30'),
      accept(id(2), id(1), false, 20),
      charter(id(3), false, 30, '2026-09-30'),
      accept(id(4), id(3), true, 40),
    ];
    const state = charterState(items);
    expect(state.agreed).toMatchObject({ proposalId: id(3), endDate: '2026-09-30', acceptedAt: 40, firstAgreedAt: 20 });
    expect(state.pending).toBeNull();
  });

  it('an edit waits for the other buddy while the agreed charter stays in force', () => {
    const state = charterState([
      charter(id(1), true, 10),
      accept(id(2), id(1), false, 20),
      charter(id(3), true, 30, '2026-12-31'),
    ]);
    expect(state.agreed?.endDate).toBe('2026-06-30');
    expect(state.pending).toMatchObject({ proposalId: id(3), proposedByMe: true, endDate: '2026-12-31' });
  });

  it('concurrent proposals resolve the same on both sides, in any order', () => {
    const mine = charter(id(5), true, 100, '2026-07-01');
    const theirs = charter(id(6), false, 100, '2026-08-01');
    const here = charterState([mine, theirs]);
    // The buddy's browser sees the same two items with fromMe swapped.
    const there = charterState(
      [
        { ...theirs, fromMe: true },
        { ...mine, fromMe: false },
      ].reverse(),
    );
    expect(here.pending?.proposalId).toBe(id(6));
    expect(there.pending?.proposalId).toBe(id(6));
  });

  it('accepting leaves no older proposal of the accepter waiting', () => {
    const state = charterState([charter(id(1), false, 10), charter(id(2), true, 11), accept(id(3), id(1), true, 12)]);
    expect(state.agreed?.proposalId).toBe(id(1));
    expect(state.pending).toBeNull();
  });

  it('an objective is reached or not by the latest mark of either buddy', () => {
    const mark = (n: number, reached: boolean, fromMe: boolean): ProgrammeItem => ({
      id: id(n),
      pairId: PAIR_ID,
      kind: 'goal',
      fromMe,
      createdAt: n,
      seq: n,
      payload: { type: 'objective-reached', objectiveId: A, reached },
    });
    expect(charterState([mark(1, true, true)]).reached.has(A)).toBe(true);
    expect(charterState([mark(2, false, false), mark(1, true, true)]).reached.has(A)).toBe(false);
    expect(charterState([mark(3, true, false), mark(2, false, true)]).reached.has(A)).toBe(true);
  });
});

describe('checkCharter', () => {
  const now = new Date(2026, 2, 10, 15).getTime();
  beforeEach(() => speak('en'));

  it('takes a catalogued skill by its label, in the person’s language, and keeps an edited objective’s id', () => {
    const proposal = checkCharter(
      { objectives: [{ id: A, text: 'Pivot tables' }, { text: 'Tidy my inbox' }], rhythmWeeks: 2, endDate: '2026-06-30' },
      now,
      () => B,
    );
    expect(proposal.objectives).toEqual([
      { id: A, skill: 'excel/pivot-tables' },
      { id: B, skill: 'Tidy my inbox' },
    ]);
    speak('fr');
    expect(
      checkCharter({ objectives: [{ text: 'tableaux croisés dynamiques' }], rhythmWeeks: 1, endDate: '2026-03-10' }, now)
        .objectives[0]!.skill,
    ).toBe('excel/pivot-tables');
  });

  it.each([
    [
      'ten objectives',
      { objectives: Array.from({ length: 10 }, (_, n) => ({ text: `Skill ${n}` })), rhythmWeeks: 2, endDate: '2026-06-30' },
      'too_many_objectives',
    ],
    ['an end date in the past', { objectives: [{ text: 'Charts' }], rhythmWeeks: 2, endDate: '2026-03-09' }, 'end_in_past'],
    ['no objective', { objectives: [{ text: '  ' }], rhythmWeeks: 2, endDate: '2026-06-30' }, 'no_objective'],
    ['a day that does not exist', { objectives: [{ text: 'Charts' }], rhythmWeeks: 2, endDate: '2026-02-30' }, 'not_a_day'],
    ['a rhythm of three weeks', { objectives: [{ text: 'Charts' }], rhythmWeeks: 3, endDate: '2026-06-30' }, 'bad_rhythm'],
  ])('refuses %s with a reason', (_, draft, problem) => {
    expect(() => checkCharter(draft, now)).toThrow(CharterRefusedError);
    try {
      checkCharter(draft, now);
    } catch (error) {
      expect((error as CharterRefusedError).problem).toBe(problem);
    }
  });
});

describe('objectiveProgress', () => {
  it('counts the answered questions of the pair tagged with the skill, either way, by id or by its label', () => {
    speak('en');
    const thread = (skill: string, answeredAt: number, direction: Thread['direction'] = 'outgoing') =>
      ({ id: crypto.randomUUID(), pairId: PAIR_ID, skill, answeredAt, direction }) as Thread;
    const threads = [
      thread('excel/pivot-tables', 5),
      thread('excel/pivot-tables', 6, 'incoming'),
      thread('pivot tables', 7),
      thread('excel/pivot-tables', 0),
      thread('excel/charts', 8),
    ];
    const [progress] = objectiveProgress(
      { agreed: { objectives: [{ id: A, skill: 'excel/pivot-tables' }] }, reached: new Set([A]) },
      threads,
    );
    expect(progress).toMatchObject({ label: 'Pivot tables', answered: 3, reached: true });
  });
});
