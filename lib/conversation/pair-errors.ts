import type { SendBlock } from './pair-state';

/** The buddy has no usable key yet: nothing can be sent to them until they pair again. */
export class MissingPairKeyError extends Error {
  constructor(pairId: string) {
    super(`Pair ${pairId} has no key to encrypt with`);
    this.name = 'MissingPairKeyError';
  }
}

/** The pair ended, the buddy's device was removed or the pair is broken: nothing can be sent in it. */
export class PairClosedError extends Error {
  constructor(
    pairId: string,
    readonly reason: SendBlock,
  ) {
    super(`Nothing can be sent in pair ${pairId}: ${reason}`);
    this.name = 'PairClosedError';
  }
}

/** Only the asker follows up or resolves a question; only the other side answers it. */
export class WrongSideError extends Error {
  constructor(kind: string, threadId: string) {
    super(`This side of the pair may not send a ${kind} in thread ${threadId}`);
    this.name = 'WrongSideError';
  }
}
