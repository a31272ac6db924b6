/** The buddy has no usable key yet: nothing can be sent to them until they pair again. */
export class MissingPairKeyError extends Error {
  constructor(pairId: string) {
    super(`Pair ${pairId} has no key to encrypt with`);
    this.name = 'MissingPairKeyError';
  }
}
