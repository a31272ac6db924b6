/**
 * Why a programme action is refused. Apart from the schemas, so that a form can tell these
 * errors apart without loading zod; the sentences are in components/errors.ts.
 */

export type CharterProblem =
  | 'no_objective'
  | 'too_many_objectives'
  | 'end_in_past'
  | 'not_a_day'
  | 'objective_too_long'
  | 'bad_rhythm';

/** A charter the person wrote that the buddy's browser would refuse, or that makes no sense: nothing is sent. */
export class CharterRefusedError extends Error {
  constructor(readonly problem: CharterProblem) {
    super(`The charter is refused: ${problem}`);
    this.name = 'CharterRefusedError';
  }
}

/** The pair's programme is over: no new question goes out until both agree a later end date. */
export class ProgrammeEndedError extends Error {
  constructor(
    pairId: string,
    readonly endedAt: number,
  ) {
    super(`The programme of pair ${pairId} ended at ${new Date(endedAt).toISOString()}`);
    this.name = 'ProgrammeEndedError';
  }
}

/** A kudos the person wrote that the buddy's browser would refuse: nothing is sent. */
export class KudosRefusedError extends Error {
  constructor(readonly problem: 'no_quality' | 'message_too_long' | 'not_the_asker') {
    super(`The kudos is refused: ${problem}`);
    this.name = 'KudosRefusedError';
  }
}
