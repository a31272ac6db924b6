import { describe, expect, it } from 'vitest';
import { canTell, initialState, nextState, type PlayerEvent, type PlayerState } from '@/lib/walkthrough/player-state';

const TOTAL = 3;

function run(...events: PlayerEvent[]): PlayerState {
  return events.reduce((state, event) => nextState(state, event, TOTAL), initialState());
}

describe('the player state machine', () => {
  it('starts by looking for step 1, and outlines it once found for sure', () => {
    expect(initialState()).toEqual({ phase: 'looking', step: 0, told: [] });
    expect(run({ type: 'found', sure: true })).toMatchObject({ phase: 'showing', step: 0 });
  });

  it('moves on by itself when the person uses the outlined element, up to the last card', () => {
    const found = { type: 'found', sure: true } as const;
    const used = { type: 'used' } as const;
    expect(run(found, used)).toMatchObject({ phase: 'looking', step: 1 });
    expect(run(found, used, found, used, found, used)).toMatchObject({ phase: 'done' });
  });

  it('ignores a use while nothing is outlined (looking, not found)', () => {
    expect(run({ type: 'used' })).toMatchObject({ phase: 'looking', step: 0 });
    expect(run({ type: 'not-found' }, { type: 'used' })).toMatchObject({ phase: 'missing', step: 0 });
  });

  it('Next and Back move between steps from any state; Back does nothing on step 1', () => {
    expect(run({ type: 'next' })).toMatchObject({ phase: 'looking', step: 1 });
    expect(run({ type: 'next' }, { type: 'not-found' }, { type: 'back' })).toMatchObject({ phase: 'looking', step: 0 });
    expect(run({ type: 'back' })).toEqual(initialState());
    // From the last card, Back shows the last step again, Next closes.
    const done = run({ type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(done.phase).toBe('done');
    expect(nextState(done, { type: 'back' }, TOTAL)).toMatchObject({ phase: 'looking', step: 2 });
    expect(nextState(done, { type: 'next' }, TOTAL)).toMatchObject({ phase: 'closed' });
  });

  it('Esc closes from every state, and nothing happens after', () => {
    for (const before of [[], [{ type: 'found', sure: false }], [{ type: 'not-found' }]] as PlayerEvent[][]) {
      const closed = run(...before, { type: 'close' });
      expect(closed.phase).toBe('closed');
      expect(nextState(closed, { type: 'next' }, TOTAL)).toBe(closed);
    }
  });

  it('asks "Is this it?" when unsure: Yes outlines it, No says it cannot be found, using it answers yes', () => {
    const unsure = { type: 'found', sure: false } as const;
    expect(run(unsure)).toMatchObject({ phase: 'asking', step: 0 });
    expect(run(unsure, { type: 'yes' })).toMatchObject({ phase: 'showing', step: 0 });
    expect(run(unsure, { type: 'no' })).toMatchObject({ phase: 'missing', step: 0 });
    expect(run(unsure, { type: 'used' })).toMatchObject({ phase: 'looking', step: 1 });
  });

  it('looks again when the page removes the outlined element', () => {
    expect(run({ type: 'found', sure: true }, { type: 'gone' })).toMatchObject({ phase: 'looking', step: 0 });
    expect(run({ type: 'found', sure: false }, { type: 'gone' })).toMatchObject({ phase: 'looking', step: 0 });
  });

  it('a late answer about a step the person left changes nothing', () => {
    const moved = run({ type: 'next' }, { type: 'not-found' });
    expect(nextState(moved, { type: 'found', sure: true }, TOTAL)).toBe(moved);
  });

  it('offers "Tell" once per missing step', () => {
    const missing = run({ type: 'not-found' });
    expect(canTell(missing)).toBe(true);
    const told = nextState(missing, { type: 'told' }, TOTAL);
    expect(told.told).toEqual([0]);
    expect(canTell(told)).toBe(false);
    expect(nextState(told, { type: 'told' }, TOTAL)).toBe(told);
    // Coming back to the step later: still told.
    const again = [{ type: 'next' }, { type: 'back' }, { type: 'not-found' }] as PlayerEvent[];
    expect(canTell(again.reduce((state, event) => nextState(state, event, TOTAL), told))).toBe(false);
    expect(canTell(run({ type: 'found', sure: true }))).toBe(false);
  });
});
