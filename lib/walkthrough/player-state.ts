/**
 * The player's steps as a pure state machine: what the card shows for each state, and where
 * each thing the person or the page does leads. The controller (player-controller.ts) does the
 * looking, highlighting and listening; everything it decides goes through `nextState`, so the
 * rules (auto-advance, Back, Next, Esc, "Is this it?", "I can't find") are tested without a page.
 */

export type PlayerPhase =
  /** Waiting for the step's element (late elements, single-page navigation): "Looking for ⟨name⟩…". */
  | 'looking'
  /** The element is found for sure and outlined. */
  | 'showing'
  /** The best candidate is outlined, with "Is this it?". */
  | 'asking'
  /** Nothing fits: "I can't find ⟨name⟩ here", and "Tell ⟨helper⟩". */
  | 'missing'
  /** After the last step. */
  | 'done'
  /** Esc or Close: everything is removed. */
  | 'closed';

export interface PlayerState {
  phase: PlayerPhase;
  /** 0-based; the card shows `step + 1`. Meaningless once done or closed. */
  step: number;
  /** Steps (0-based) the helper was told about, so "Tell" is offered once per step. */
  told: readonly number[];
}

export type PlayerEvent =
  | { type: 'found'; sure: boolean }
  | { type: 'not-found' }
  /** The person clicked the outlined element, or typed or chose in it. */
  | { type: 'used' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'yes' }
  | { type: 'no' }
  /** The page removed the outlined element. */
  | { type: 'gone' }
  | { type: 'told' }
  | { type: 'close' };

export function initialState(): PlayerState {
  return { phase: 'looking', step: 0, told: [] };
}

/** Where `event` leads from `state` in a walkthrough of `total` steps; the same state when it means nothing there. */
export function nextState(state: PlayerState, event: PlayerEvent, total: number): PlayerState {
  if (state.phase === 'closed') return state;
  const lookAt = (step: number): PlayerState => ({ ...state, phase: 'looking', step });
  const advance = (): PlayerState => (state.step + 1 < total ? lookAt(state.step + 1) : { ...state, phase: 'done' });
  switch (event.type) {
    case 'close':
      return { ...state, phase: 'closed' };
    case 'next':
      return state.phase === 'done' ? { ...state, phase: 'closed' } : advance();
    case 'back':
      if (state.phase === 'done') return lookAt(state.step);
      return state.step > 0 ? lookAt(state.step - 1) : state;
    case 'found':
      // A late answer for a step the person already left changes nothing.
      return state.phase === 'looking' ? { ...state, phase: event.sure ? 'showing' : 'asking' } : state;
    case 'not-found':
      return state.phase === 'looking' ? { ...state, phase: 'missing' } : state;
    case 'used':
      // Using the candidate of "Is this it?" answers it too.
      return state.phase === 'showing' || state.phase === 'asking' ? advance() : state;
    case 'yes':
      return state.phase === 'asking' ? { ...state, phase: 'showing' } : state;
    case 'no':
      return state.phase === 'asking' ? { ...state, phase: 'missing' } : state;
    case 'gone':
      // The page redrew or removed it: look again rather than outline nothing.
      return state.phase === 'showing' || state.phase === 'asking' ? lookAt(state.step) : state;
    case 'told':
      return state.phase === 'missing' && !state.told.includes(state.step)
        ? { ...state, told: [...state.told, state.step] }
        : state;
  }
}

/** Whether the card offers "Tell ⟨helper⟩" in this state. */
export function canTell(state: PlayerState): boolean {
  return state.phase === 'missing' && !state.told.includes(state.step);
}
