/**
 * What the helper's certificate says, once the pair's programme is over: who helped whom, in
 * which programme, over which period, how many answers, which skills, which kudos. Read from
 * this browser's own log: nothing is asked of the relay.
 */
import type { BinomeDb } from '../db/db';
import { readProfile } from '../db/settings';
import { taughtSkills, type TaughtSkill } from '../knowledge/skills';
import { dayOf } from './dates';
import { phaseAt, type PairEnd } from './end';
import { kudosOf, type KudosReceived } from './kudos';
import { readPairProgramme } from './pair-programme';

export interface Certificate {
  helperName: string;
  peerName: string;
  /** Null outside a programme: the page then says "Binôme". */
  programmeName: string | null;
  firstDay: string;
  lastDay: string;
  /** Questions of the buddy I answered. */
  answers: number;
  skills: TaughtSkill[];
  kudos: KudosReceived[];
}

export type CertificateReading =
  | { state: 'unknown-pair' }
  | { state: 'not-yet'; end: PairEnd | null }
  | { state: 'ready'; certificate: Certificate };

export async function readCertificate(db: BinomeDb, pairId: string, now = Date.now()): Promise<CertificateReading> {
  const pair = await db.pairs.get(pairId);
  if (!pair) return { state: 'unknown-pair' };
  const programme = await readPairProgramme(db, pair);
  const { end, charter } = programme;
  if (!end || phaseAt(end, now) !== 'ended') return { state: 'not-yet', end };
  const threads = await db.threads.where('pairId').equals(pairId).toArray();
  const answered = threads.filter((thread) => thread.direction === 'incoming' && thread.answeredAt > 0);
  const started = programme.programme?.startsAt ?? charter.agreed?.firstAgreedAt ?? pair.createdAt;
  return {
    state: 'ready',
    certificate: {
      helperName: (await readProfile(db)).displayName,
      peerName: pair.peerName,
      programmeName: programme.programme?.name ?? null,
      firstDay: dayOf(Math.min(started, pair.createdAt)),
      lastDay: end.lastDay,
      answers: answered.length,
      skills: taughtSkills(answered, [pair])[0]?.skills ?? [],
      kudos: kudosOf(programme.items, false),
    },
  };
}
