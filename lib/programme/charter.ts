/**
 * The pair's charter: objectives, a meeting rhythm and an end date, proposed by either buddy
 * and accepted by the other. Derived from the set of programme items, never stored as such:
 * an edit is a new proposal, the last accepted version wins, and of proposals made at the
 * same time the later one (by time, then id) waits for an answer, the same on both sides.
 * What its objectives mean in skills, and the check of a new proposal: charter-objectives.ts
 * (the skill catalogue stays out of what only reads the charter's state, such as the banners).
 */
import type { ProgrammeItem } from '../db/db';
import type { CharterProposal } from './payloads';

/** Time, then id: the order both browsers agree on, whatever order the relay delivered in. */
export function byTime(a: Pick<ProgrammeItem, 'createdAt' | 'id'>, b: Pick<ProgrammeItem, 'createdAt' | 'id'>): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface CharterVersion extends Omit<CharterProposal, 'type'> {
  proposalId: string;
  proposedByMe: boolean;
  proposedAt: number;
}

export interface AgreedCharter extends CharterVersion {
  acceptedAt: number;
  /** When the pair first agreed a charter: meetups keep their rhythm from that day across edits. */
  firstAgreedAt: number;
}

export interface CharterState {
  agreed: AgreedCharter | null;
  /** The latest proposal since the last acceptance, waiting for the other buddy. */
  pending: CharterVersion | null;
  /** Objectives marked reached (or unmarked), the latest mark winning. */
  reached: ReadonlySet<string>;
}

type Of<T extends ProgrammeItem['payload']['type']> = ProgrammeItem & { payload: Extract<ProgrammeItem['payload'], { type: T }> };
const ofType =
  <T extends ProgrammeItem['payload']['type']>(type: T) =>
  (item: ProgrammeItem): item is Of<T> =>
    item.payload.type === type;

function versionOf(item: Of<'charter'>): CharterVersion {
  const { objectives, rhythmWeeks, endDate } = item.payload;
  return { proposalId: item.id, proposedByMe: item.fromMe, proposedAt: item.createdAt, objectives, rhythmWeeks, endDate };
}

export function charterState(items: ProgrammeItem[]): CharterState {
  const proposals = new Map(items.filter(ofType('charter')).map((item) => [item.id, item]));
  // Only the other buddy accepts a proposal: accepting one's own changes nothing.
  const accepts = items
    .filter(ofType('charter-accept'))
    .filter((accept) => {
      const proposal = proposals.get(accept.payload.proposalId);
      return proposal !== undefined && proposal.fromMe !== accept.fromMe;
    })
    .sort(byTime);
  const lastAccept = accepts.at(-1);
  const agreedProposal = lastAccept ? proposals.get(lastAccept.payload.proposalId) : undefined;
  const agreed =
    lastAccept && agreedProposal
      ? { ...versionOf(agreedProposal), acceptedAt: lastAccept.createdAt, firstAgreedAt: accepts[0]!.createdAt }
      : null;
  const pendingProposal = [...proposals.values()]
    .filter((proposal) => proposal.id !== agreedProposal?.id && (!lastAccept || byTime(proposal, lastAccept) > 0))
    .sort(byTime)
    .at(-1);
  const reached = new Set<string>();
  for (const mark of items.filter(ofType('objective-reached')).sort(byTime)) {
    if (mark.payload.reached) reached.add(mark.payload.objectiveId);
    else reached.delete(mark.payload.objectiveId);
  }
  return { agreed, pending: pendingProposal ? versionOf(pendingProposal) : null, reached };
}
