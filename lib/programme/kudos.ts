/**
 * Kudos: the asker thanks the helper for an answered question, or for the whole programme at
 * wrap-up. The helper sees what they received beside the skills they taught.
 */
import type { ProgrammeItem, Thread } from '../db/db';
import { byTime } from './charter';
import { KUDOS_QUALITIES, MAX_KUDOS_MESSAGE, type KudosPayload, type KudosQuality } from './payloads';
import { KudosRefusedError } from './programme-errors';

export interface KudosReceived {
  id: string;
  pairId: string;
  qualities: KudosQuality[];
  message: string;
  threadId: string | null;
  at: number;
}

export function kudosOf(items: ProgrammeItem[], fromMe: boolean): KudosReceived[] {
  return items
    .filter((item) => item.fromMe === fromMe)
    .sort(byTime)
    .flatMap((item) =>
      item.payload.type === 'kudos'
        ? [
            {
              id: item.id,
              pairId: item.pairId,
              qualities: item.payload.qualities,
              message: item.payload.message ?? '',
              threadId: item.payload.threadId ?? null,
              at: item.createdAt,
            },
          ]
        : [],
    );
}

/** How many times each quality was named, in the catalogue's order, leaving out those never named. */
export function qualityCounts(kudos: KudosReceived[]): { quality: KudosQuality; count: number }[] {
  return KUDOS_QUALITIES.map((quality) => ({
    quality,
    count: kudos.filter((entry) => entry.qualities.includes(quality)).length,
  })).filter((entry) => entry.count > 0);
}

/**
 * The kudos to send, or why not: at least one quality, a message within bounds, and only the
 * asker of a question thanks for it.
 */
export function checkKudos(draft: { qualities: KudosQuality[]; message: string; thread?: Thread }): KudosPayload {
  if (draft.qualities.length === 0) throw new KudosRefusedError('no_quality');
  const message = draft.message.trim();
  if (message.length > MAX_KUDOS_MESSAGE) throw new KudosRefusedError('message_too_long');
  if (draft.thread && draft.thread.direction !== 'outgoing') throw new KudosRefusedError('not_the_asker');
  return {
    type: 'kudos',
    qualities: KUDOS_QUALITIES.filter((quality) => draft.qualities.includes(quality)),
    ...(message ? { message } : {}),
    ...(draft.thread ? { threadId: draft.thread.id } : {}),
  };
}
