/**
 * The one Dexie module. Every schema change is a new `db.version(n)` with an upgrade;
 * a published version is never edited (users' browsers hold data written by it).
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { siteOf } from './site';
import type { PageContext } from '../capture/page-context';
import type { PairingSecret } from '../trust/pairing-protocol';
import type { MessageKind, PairRole } from '../protocol/protocol';
import { wordsOf } from './text';
import type { ProgrammePayload } from '../programme/payloads';
import { buildSearchIndex, type Indexable, type SearchDoc, type SearchTerm, searchIndexMiddleware } from './search-index';
import type { WalkthroughStep } from '../walkthrough/schema';

/** A device identity on one relay: pairs live on the relay where they were made. */
export interface Identity {
  relayUrl: string;
  deviceId: string;
  token: string;
  displayName: string;
  registeredAt: number;
}

/** This browser's ECDH key pair; the private key is a non-extractable CryptoKey. */
export interface DeviceKeys {
  id: 'device';
  keys: CryptoKeyPair;
  publicKey: string;
  createdAt: number;
}

export interface Pair {
  pairId: string;
  relayUrl: string;
  myRole: PairRole;
  peerDeviceId: string;
  peerName: string;
  myPublicKey: string;
  /** The buddy's public key as first received: it never changes without the person's say. */
  peerPublicKey: string | null;
  /** AES-GCM key derived from both public keys; null while the buddy has no key. */
  pairKey: CryptoKey | null;
  /** The person compared the safety codes in person and said they match. */
  verified: boolean;
  /** A different key the relay now reports for the buddy: shown as a warning, never used silently. */
  offeredPeerKey: string | null;
  /** Highest relay seq applied to this browser's log: pulls ask for what comes after. */
  cursor: number;
  createdAt: number;
  /**
   * Set on a pair restored from an imported file (lib/knowledge/import.ts): no keys, no relay, read-only
   * history. Not indexed, so no new schema version.
   */
  importedAt?: number;
  /** When one of the two left the pair: its log stays, nothing more can be sent in it. */
  leftAt: number | null;
  leftByMe: boolean;
  /** When an operator removed the buddy's device: nothing more is sent to it. */
  peerRevokedAt: number | null;
  /** Why the pair cannot be used (PAIR_PROBLEMS in lib/conversation/pair-state.ts), or null when it works. */
  broken: string | null;
}

/** A pair from an imported file; pairs imported before `importedAt` existed are the ones without a key of this browser. */
export function isImportedPair(pair: Pair): boolean {
  return pair.importedAt !== undefined || (pair.myPublicKey === '' && pair.relayUrl === '');
}

/**
 * The numbers each side gives its own messages in a pair, sealed with them (lib/trust/crypto.ts
 * v2): the relay's seq is not authenticated, these are, so a dropped or reordered message
 * shows. Kept apart from Pair so that recording a pair never resets them.
 */
export interface PairCounters {
  pairId: string;
  /** The last number I gave a message of mine in this pair. */
  sent: number;
  /** The buddy's numbers seen so far, as sorted disjoint [first, last] ranges. */
  received: [number, number][];
  /** When a number arrived after a higher one: the relay delivered out of order. */
  reorderedAt: number | null;
  /** Numbers up to this one no longer warn: the person hid the warning. */
  acknowledged: number;
}

/**
 * A pairing under way, as this browser sees it (lib/sync/pairing.ts). The SPAKE2 secret lives here
 * only until the exchange ends, so that a stopped service worker or a restart finishes it.
 */
export interface Pairing {
  id: string;
  relayUrl: string;
  side: 'inviter' | 'accepter';
  /** The code's first four characters: the inviter finds its invite's pair by them. */
  nameplate: string;
  /** My role in the pair to be. */
  myRole: PairRole;
  /** Never sent anywhere; cleared once the pairing is over. */
  secret: PairingSecret | null;
  /** On the accepter's side: the inviter's confirmation it expects. */
  expectedConfirm: string | null;
  pairId: string | null;
  peerName: string | null;
  status: PairingStatus;
  expiresAt: number;
  createdAt: number;
}

/**
 * waiting: the inviter's code is out; confirming: the accepter answered and waits for the
 * inviter's browser; paired; failed: a confirmation did not match (a wrong code, or someone in
 * the middle); expired: nobody used the code in time.
 */
export type PairingStatus = 'waiting' | 'confirming' | 'paired' | 'failed' | 'expired';

/** queued: not yet accepted by the relay; sent: waiting for an answer. */
export type ThreadStatus = 'queued' | 'sent' | 'answered' | 'resolved';

/** outgoing: I asked my buddy; incoming: my buddy asked me. */
export type ThreadDirection = 'outgoing' | 'incoming';

export interface Thread {
  id: string;
  pairId: string;
  direction: ThreadDirection;
  question: string;
  context: PageContext | null;
  status: ThreadStatus;
  askedAt: number;
  updatedAt: number;
  /** When the first answer arrived; 0 until then. Entries of the knowledge log have one. */
  answeredAt: number;
  /** Highest relay seq of the buddy's messages in this thread; unread while above readSeq. */
  lastPeerSeq: number;
  readSeq: number;
  /** Accent- and case-folded words of question, context and answers, for search. */
  words: string[];
  /** The folded words of the question alone: a match there ranks higher. */
  questionWords: string[];
  /** The catalogue tool id ('' without context), for the log's tool filter. */
  tool: string;
  /** The page's hostname ('' without context): "from your log for this site". */
  site: string;
  /** The latest skill label given in the thread, by either buddy ('' when none). */
  skill: string;
  /** 1 while lastPeerSeq > readSeq: stored (as a number, which IndexedDB can index) for the inbox. */
  unread: 0 | 1;
}

export interface ThreadMessage {
  id: string;
  threadId: string;
  pairId: string;
  kind: MessageKind;
  fromMe: boolean;
  text: string;
  createdAt: number;
  /** The relay's per-pair order; null while the message waits in the outbox. */
  seq: number | null;
}

/** A personal note on a log entry: never sent, kept apart from the derived thread. */
export interface Note {
  threadId: string;
  text: string;
  updatedAt: number;
}

/** Spaced review of a learned skill, keyed by tool and skill. */
export interface Review {
  skillKey: string;
  /** Index in REVIEW_STEPS_DAYS of the interval that led to dueAt. */
  step: number;
  dueAt: number;
  lastReviewedAt: number;
}

/** A log entry the person deleted: late messages of that thread are not applied again. */
export interface Tombstone {
  threadId: string;
  deletedAt: number;
}

export interface OutboxItem {
  id: string;
  pairId: string;
  kind: MessageKind;
  payload: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set when the relay refused the message for good; the user is told why. */
  rejected: string | null;
}

/**
 * Something a buddy of the pair said about the programme (lib/programme/payloads.ts), as both
 * logs keep it: the state (charter, agenda, kudos) is derived from the set of these, never
 * patched, so duplicates and any order give the same state on both sides.
 */
export interface ProgrammeItem {
  id: string;
  pairId: string;
  kind: Extract<MessageKind, 'goal' | 'kudos' | 'agenda'>;
  fromMe: boolean;
  createdAt: number;
  /** The relay's order; null while it waits in the outbox. */
  seq: number | null;
  payload: ProgrammePayload;
}

/** A reminder or nudge that fired (once): kept so it never fires again, and to hide its banner. */
export interface ProgrammeNoticeRecord {
  /** `${pairId}:${type}:${anchor}` (lib/programme/notices.ts). */
  id: string;
  pairId: string;
  firedAt: number;
  dismissedAt: number | null;
}

/** The person's own view of the pair at its end: never sent to the buddy. */
export interface WrapUp {
  pairId: string;
  /** 1 (not useful) to 4 (very useful). */
  rating: number;
  wouldRecommend: boolean;
  /** Off unless the person ticks it: then the relay gets the rating, to count in an aggregate. */
  shareWithProgramme: boolean;
  /** When the relay took the shared rating; null while it waits (or is not to be shared). */
  sharedAt: number | null;
  savedAt: number;
}

/** The programme a pair belongs to, as the relay reports it (lib/programme/programme-relay.ts). */
export interface PairProgramme {
  pairId: string;
  name: string;
  startsAt: number;
  endsAt: number;
}

/** A step of a walkthrough being recorded: its id keeps it apart while the helper reorders. */
export type DraftStep = WalkthroughStep & { id: string };

/**
 * A walkthrough the helper is recording or editing, one per thread, before it is sent as an
 * answer (lib/walkthrough/recorder-draft.ts). The background writes the steps (the popup that
 * started the recording closes when the helper clicks the page); the thread view edits them.
 */
export interface WalkthroughDraft {
  threadId: string;
  /** The tab recorded in: only that tab's recorder may add steps, and only while `recording`. */
  tabId: number;
  recording: boolean;
  /** The page the recording started on, as the helper's browser showed it. */
  startUrl: string;
  steps: DraftStep[];
  /** Set when the recording stopped without "Finish" (the page reloaded where Binôme may not return). */
  interrupted: 'page-reloaded' | 'tab-closed' | null;
  /** At least one step was not kept because the walkthrough was full. */
  full: boolean;
  startedAt: number;
  updatedAt: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** Exported so that the upgrade test can write data exactly as version 1 did. */
export const SCHEMA_V1 = {
  identities: 'relayUrl',
  pairs: 'pairId, relayUrl, createdAt',
  threads: 'id, pairId, [direction+status], updatedAt, answeredAt, *words',
  messages: 'id, threadId, pairId',
  outbox: 'id, pairId, createdAt, nextAttemptAt',
  settings: 'key',
  deviceKeys: 'id',
} as const;

/** Version 2: the knowledge log's filters and recall, notes, skill reviews, deletions. */
export const SCHEMA_V2 = {
  threads: 'id, pairId, [direction+status], updatedAt, answeredAt, *words, *questionWords, tool, site, skill',
  notes: 'threadId',
  reviews: 'skillKey, dueAt',
  tombstones: 'threadId',
} as const;

/**
 * Version 3: the inbox reads its first rows and its counts from indexes, instead of loading
 * every thread (a popup with 1,000 questions spent most of its time doing that).
 */
export const SCHEMA_V3 = {
  threads:
    'id, pairId, [direction+status], updatedAt, answeredAt, *words, *questionWords, tool, site, skill, ' +
    '[direction+pairId+unread+updatedAt], [direction+updatedAt]',
} as const;

/**
 * Version 4 (issue 10): a pair can be left, its buddy revoked or its key unusable, and
 * both sides number their messages. Self-contained: the lead may renumber it at merge.
 */
export const SCHEMA_V4 = {
  counters: 'pairId',
} as const;

/** Version 5: pairings under way, authenticated by SPAKE2 over the invite code. */
export const SCHEMA_V5 = {
  pairings: 'id, relayUrl, nameplate, pairId, status',
} as const;

/**
 * Version 6 (issue 13, the programme): what the two buddies of a pair agree and tell each other
 * around the questions (charter proposals and acceptances, objectives reached, agenda marks,
 * kudos), which notices already fired, the person's own wrap-up, and the programme dates the
 * relay reports for a pair. Self-contained: the lead may renumber it at merge.
 */
export const SCHEMA_V6 = {
  programmeItems: 'id, pairId',
  programmeNotices: 'id, pairId',
  wrapUps: 'pairId',
  pairProgrammes: 'pairId',
} as const;

/**
 * Version 7 (issue 16, search with a tail): the knowledge log's own inverted index
 * (lib/db/search-index.ts), one row of postings per word, built here from the existing
 * entries and kept by a middleware under every write to threads. The multi-entry word
 * indexes it replaces are dropped: they cost more on disk and on every write than it does.
 */
export const SCHEMA_V7 = {
  threads:
    'id, pairId, [direction+status], updatedAt, answeredAt, tool, site, skill, ' +
    '[direction+pairId+unread+updatedAt], [direction+updatedAt]',
  searchTerms: '[word+from]',
  searchDocs: 'docNo, &threadId',
} as const;

/**
 * Version 9 (issue 15): walkthroughs being recorded, one per thread, found by the tab they are
 * recorded in.
 */
export const SCHEMA_V9 = {
  walkthroughDrafts: 'threadId, tabId',
} as const;

export { siteOf };
export type { SearchDoc, SearchTerm };

export class BinomeDb extends Dexie {
  deviceKeys!: EntityTable<DeviceKeys, 'id'>;
  identities!: EntityTable<Identity, 'relayUrl'>;
  pairs!: EntityTable<Pair, 'pairId'>;
  threads!: EntityTable<Thread, 'id'>;
  messages!: EntityTable<ThreadMessage, 'id'>;
  outbox!: EntityTable<OutboxItem, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  notes!: EntityTable<Note, 'threadId'>;
  reviews!: EntityTable<Review, 'skillKey'>;
  tombstones!: EntityTable<Tombstone, 'threadId'>;
  counters!: EntityTable<PairCounters, 'pairId'>;
  pairings!: EntityTable<Pairing, 'id'>;
  programmeItems!: EntityTable<ProgrammeItem, 'id'>;
  programmeNotices!: EntityTable<ProgrammeNoticeRecord, 'id'>;
  wrapUps!: EntityTable<WrapUp, 'pairId'>;
  pairProgrammes!: EntityTable<PairProgramme, 'pairId'>;
  searchTerms!: Table<SearchTerm, [word: string, from: number]>;
  searchDocs!: EntityTable<SearchDoc, 'docNo'>;
  walkthroughDrafts!: EntityTable<WalkthroughDraft, 'threadId'>;

  constructor(name = 'binome', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<Thread>('threads')
          .toCollection()
          .modify((thread) => {
            thread.questionWords = wordsOf(thread.question);
            thread.tool = thread.context?.tool ?? '';
            thread.site = siteOf(thread.context?.url);
            thread.skill = '';
          }),
      );
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) =>
        tx
          .table<Thread>('threads')
          .toCollection()
          .modify((thread) => {
            thread.unread = thread.lastPeerSeq > thread.readSeq ? 1 : 0;
          }),
      );
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade((tx) =>
        tx
          .table<Pair>('pairs')
          .toCollection()
          .modify((pair) => {
            pair.leftAt ??= null;
            pair.leftByMe ??= false;
            pair.peerRevokedAt ??= null;
            pair.broken ??= null;
          }),
      );
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
    this.version(7)
      .stores(SCHEMA_V7)
      .upgrade(async (tx) => {
        // Only the fields the index reads, so that a large log is not held whole in memory.
        const threads: Indexable[] = [];
        await tx
          .table<Thread>('threads')
          .where('answeredAt')
          .above(0)
          .each(({ id, answeredAt, words, questionWords }) => {
            threads.push({ id, answeredAt, words, questionWords });
          });
        const { terms, docs } = await buildSearchIndex(threads);
        await tx.table('searchDocs').bulkPut(docs);
        await tx.table('searchTerms').bulkPut(terms);
      });
    this.use(searchIndexMiddleware);
    this.version(9).stores(SCHEMA_V9);
  }
}

export const db = new BinomeDb();
