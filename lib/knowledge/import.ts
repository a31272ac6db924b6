/**
 * Reads a JSON export back as an archive: a file restores what is missing here and never
 * changes a live conversation. Anyone can hand a person a file, and only the relay, with the
 * buddy's key, speaks for the buddy. The rule:
 *
 * - A pair this browser has live (it holds the pair's keys) is never changed, and no message of
 *   the file is added to it: its conversation is what the relay delivered. A message of the file
 *   that is already here, same id and same content, is simply there; any other is left out and
 *   counted (`messagesLeftOut`), so that the person is told.
 * - Every other pair of the file is restored as an imported pair (`importedAt`): no keys, no
 *   relay, read-only history that the log shows as imported. Its missing messages are added; a
 *   message whose id is already here keeps what is here.
 * - A thread that is here in another pair than the file says makes the whole file invalid.
 * - The file's deletions only keep its own deleted entries out. They are not stored: a stored
 *   deletion makes sync drop a thread's messages for good, so a file could hide a live thread.
 *   Entries the person deleted here are not brought back.
 * - Notes are added where there is none, and only to threads of imported pairs; skill reviews
 *   where there is none. Nothing here is overwritten.
 *
 * The whole file is checked before anything is written (size, JSON, no `__proto__`-like keys,
 * every field's type), and everything is written in one transaction: a corrupt, truncated,
 * oversized, hostile or foreign file changes nothing. Importing the same file twice adds nothing.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, PAIR_ROLES } from '../protocol/protocol';
import { isImportedPair, type BinomeDb, type Pair } from '../db/db';
import { EXPORT_FORMAT, EXPORT_VERSION, type Progress } from './export';
import { elementDescriptionSchema } from '../capture/element-description';
import { pageContextSchema } from '../capture/page-context';
import { annotatedPictureSchema, screenshotSchema } from '../conversation/payloads';
import { pictureToStore } from '../conversation/stored-picture';
import { walkthroughProblemSchema, walkthroughSchema } from '../walkthrough/schema';
import { TEXT_LIMITS } from '../conversation/text-limits';
import { base64ToBlob } from '../capture/screenshot';
import { refreshThread, type StoredMessage } from '../conversation/threads';

/**
 * Far above any real log (a screenshot is at most about 1 MB of text), and below the longest
 * string a browser can hold: a bigger file is refused before it is read.
 */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;
const time = z.number().int().nonnegative();

const pairSchema = z.object({ pairId: z.uuid(), peerName: z.string().max(200), myRole: z.enum(PAIR_ROLES), createdAt: time });
const messageSchema = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  pairId: z.uuid(),
  kind: z.enum(MESSAGE_KINDS),
  fromMe: z.boolean(),
  text: z.string().max(TEXT_LIMITS.text),
  createdAt: time,
  seq: z.number().int().positive(),
  context: pageContextSchema.nullable().optional(),
  skill: z.string().max(TEXT_LIMITS.skill).optional(),
  screenshot: screenshotSchema.optional(),
  element: elementDescriptionSchema.optional(),
  // Checked as on arrival from the buddy: a walkthrough the schema refuses makes the whole file refused.
  walkthrough: walkthroughSchema.optional(),
  walkthroughProblem: walkthroughProblemSchema.optional(),
  // Checked as the receiver checks it on the wire: marks inside the picture, at most 20, short captions.
  picture: annotatedPictureSchema.optional(),
});
const noteSchema = z.object({ threadId: z.uuid(), text: z.string().max(TEXT_LIMITS.text), updatedAt: time });
const reviewSchema = z.object({
  skillKey: z.string().max(300),
  step: z.number().int().min(0).max(10),
  dueAt: time,
  lastReviewedAt: time,
});
const tombstoneSchema = z.object({ threadId: z.uuid(), deletedAt: time });

/** The outline first: each record is then checked on its own, so a huge file of junk fails at its first bad record. */
const outlineSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: time,
  pairs: z.array(z.unknown()),
  messages: z.array(z.unknown()),
  notes: z.array(z.unknown()),
  reviews: z.array(z.unknown()),
  tombstones: z.array(z.unknown()),
});

type ImportedMessage = z.infer<typeof messageSchema>;
type ImportedFile = {
  pairs: z.infer<typeof pairSchema>[];
  messages: ImportedMessage[];
  notes: z.infer<typeof noteSchema>[];
  reviews: z.infer<typeof reviewSchema>[];
  tombstones: z.infer<typeof tombstoneSchema>[];
};

export type ImportErrorReason = 'too_large' | 'not_json' | 'not_binome' | 'newer_version' | 'invalid';

export class ImportError extends Error {
  constructor(
    readonly reason: ImportErrorReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportError';
  }
}

export interface ImportReport {
  messagesAdded: number;
  threads: number;
  pairsAdded: number;
  /** Messages of the file for a live pair that are not here as they are in the file: never added. */
  messagesLeftOut: number;
}

/** Keys that mean something to JavaScript objects and nothing in an export. */
const OBJECT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first such key anywhere in the parsed file (a walk: four times faster than a JSON.parse reviver). */
function objectKeyIn(root: unknown): string | null {
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    // One by one: spreading a list of a million records would overflow the call stack.
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (OBJECT_KEYS.has(key)) return key;
      stack.push(item);
    }
  }
  return null;
}

function readJson(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('not_json', 'The file is not JSON (it may be truncated).');
  }
  const key = objectKeyIn(json);
  if (key) throw new ImportError('invalid', `The file has a "${key}" key.`);
  return json;
}

function records<T>(items: unknown[], schema: z.ZodType<T>, what: string): T[] {
  return items.map((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw new ImportError('invalid', `${what} ${index}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  });
}

function parse(text: string): ImportedFile {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError('too_large', 'The file is too large.');
  const json = readJson(text);
  const header = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!header.success || header.data.format !== EXPORT_FORMAT) throw new ImportError('not_binome', 'Not a Binôme export.');
  if (header.data.version > EXPORT_VERSION) throw new ImportError('newer_version', 'Made by a newer Binôme.');
  const outline = outlineSchema.safeParse(json);
  if (!outline.success) throw new ImportError('invalid', outline.error.issues[0]?.message ?? 'Invalid file');
  const data: ImportedFile = {
    pairs: records(outline.data.pairs, pairSchema, 'Pair'),
    messages: records(outline.data.messages, messageSchema, 'Message'),
    notes: records(outline.data.notes, noteSchema, 'Note'),
    reviews: records(outline.data.reviews, reviewSchema, 'Review'),
    tombstones: records(outline.data.tombstones, tombstoneSchema, 'Deletion'),
  };
  const pairIds = new Set(data.pairs.map((pair) => pair.pairId));
  const orphan = data.messages.find((message) => !pairIds.has(message.pairId));
  if (orphan) throw new ImportError('invalid', `Message ${orphan.id} belongs to no pair of the file.`);
  const threadPair = new Map<string, string>();
  for (const message of data.messages) {
    const known = threadPair.get(message.threadId);
    if (known && known !== message.pairId) throw new ImportError('invalid', `Thread ${message.threadId} mixes two pairs.`);
    threadPair.set(message.threadId, message.pairId);
  }
  return data;
}

/** A pair known only from an import: its history shows, but nothing can be sent in it. */
function importedPair(pair: ImportedFile['pairs'][number], now: number): Pair {
  return {
    ...pair,
    relayUrl: '',
    peerDeviceId: '',
    myPublicKey: '',
    peerPublicKey: null,
    pairKey: null,
    verified: false,
    offeredPeerKey: null,
    cursor: 0,
    importedAt: now,
    leftAt: null,
    leftByMe: false,
    peerRevokedAt: null,
    broken: null,
  };
}

/** Same id and same words, from the same side, at the same place: the file shows what is already here. */
function sameMessage(here: StoredMessage, file: ImportedMessage): boolean {
  return (
    here.threadId === file.threadId &&
    here.pairId === file.pairId &&
    here.kind === file.kind &&
    here.fromMe === file.fromMe &&
    here.text === file.text &&
    here.createdAt === file.createdAt
  );
}

function toStored({ screenshot, picture, ...message }: ImportedMessage): StoredMessage {
  return {
    ...message,
    ...(screenshot ? { screenshot: base64ToBlob(screenshot.data, screenshot.type) } : {}),
    ...pictureToStore({ picture }),
  };
}

async function isImportedThread(db: BinomeDb, threadId: string): Promise<boolean> {
  const thread = await db.threads.get(threadId);
  const pair = thread && (await db.pairs.get(thread.pairId));
  return pair !== undefined && isImportedPair(pair);
}

const CHUNK = 500;

/** Reads a file the person chose, refusing one too large to be an export before reading it. */
export async function importJsonFile(
  db: BinomeDb,
  file: Pick<Blob, 'size' | 'text'>,
  progress?: Progress,
): Promise<ImportReport> {
  if (file.size > MAX_IMPORT_BYTES) throw new ImportError('too_large', 'The file is too large.');
  return importJson(db, await file.text(), progress);
}

export async function importJson(db: BinomeDb, text: string, progress?: Progress, now = Date.now()): Promise<ImportReport> {
  const data = parse(text);
  const report: ImportReport = { messagesAdded: 0, threads: 0, pairsAdded: 0, messagesLeftOut: 0 };
  const tables = [db.pairs, db.threads, db.messages, db.notes, db.reviews, db.tombstones];
  await db.transaction('rw', tables, async () => {
    const livePairs = new Set<string>();
    for (const pair of data.pairs) {
      const here = await db.pairs.get(pair.pairId);
      if (here && !isImportedPair(here)) livePairs.add(pair.pairId);
      if (here) continue;
      await db.pairs.add(importedPair(pair, now));
      report.pairsAdded++;
    }
    const fileThreads = new Map(data.messages.map((message) => [message.threadId, message.pairId]));
    for (const [threadId, pairId] of fileThreads) {
      const here = await db.threads.get(threadId);
      // Throwing aborts the transaction: a file that contradicts the log changes nothing.
      if (here && here.pairId !== pairId) throw new ImportError('invalid', `Thread ${threadId} belongs to another pair here.`);
    }
    const deleted = new Set([
      ...(await db.tombstones.toCollection().primaryKeys()),
      ...data.tombstones.map((tombstone) => tombstone.threadId),
    ]);
    const touched = new Set<string>();
    for (let offset = 0; offset < data.messages.length; offset += CHUNK) {
      const chunk = data.messages.slice(offset, offset + CHUNK).filter((message) => !deleted.has(message.threadId));
      const here = (await db.messages.bulkGet(chunk.map((message) => message.id))) as (StoredMessage | undefined)[];
      const fresh: StoredMessage[] = [];
      chunk.forEach((message, index) => {
        const existing = here[index];
        if (livePairs.has(message.pairId)) {
          if (!existing || !sameMessage(existing, message)) report.messagesLeftOut++;
        } else if (!existing) {
          fresh.push(toStored(message));
        }
      });
      await db.messages.bulkAdd(fresh);
      report.messagesAdded += fresh.length;
      for (const message of fresh) touched.add(message.threadId);
      progress?.(Math.min(offset + CHUNK, data.messages.length), data.messages.length);
    }
    for (const threadId of touched) await refreshThread(db, threadId);
    report.threads = touched.size;
    for (const note of data.notes) {
      if (!(await isImportedThread(db, note.threadId)) || (await db.notes.get(note.threadId))) continue;
      await db.notes.add(note);
    }
    for (const review of data.reviews) {
      if (!(await db.reviews.get(review.skillKey))) await db.reviews.add(review);
    }
  });
  return report;
}
