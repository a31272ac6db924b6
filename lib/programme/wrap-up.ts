/**
 * The person's wrap-up of a pair: a rating and whether they would recommend it. Kept in this
 * browser only, never sent to the buddy; shared with the programme only when the person ticks
 * it (lib/programme/programme-relay.ts), and then only as numbers the relay aggregates.
 */
import type { BinomeDb, WrapUp } from '../db/db';

export const RATINGS = [1, 2, 3, 4] as const;

export class WrapUpRefusedError extends Error {
  constructor() {
    super('A wrap-up needs a rating from 1 to 4 and a yes or no');
    this.name = 'WrapUpRefusedError';
  }
}

export async function saveWrapUp(
  db: BinomeDb,
  pairId: string,
  answers: { rating: number | null; wouldRecommend: boolean | null; shareWithProgramme: boolean },
  now = Date.now(),
): Promise<WrapUp> {
  const { rating, wouldRecommend } = answers;
  if (rating === null || !RATINGS.includes(rating as 1) || wouldRecommend === null) throw new WrapUpRefusedError();
  const previous = await db.wrapUps.get(pairId);
  // A share already taken stays taken; a changed answer is shared again.
  const unchanged = previous && previous.rating === rating && previous.wouldRecommend === wouldRecommend;
  const wrapUp: WrapUp = {
    pairId,
    rating,
    wouldRecommend,
    shareWithProgramme: answers.shareWithProgramme,
    sharedAt: answers.shareWithProgramme && unchanged ? previous.sharedAt : null,
    savedAt: now,
  };
  await db.wrapUps.put(wrapUp);
  return wrapUp;
}
