/**
 * Reads a JSON export back. The whole file is checked before anything is written, and
 * everything is written in one transaction: a corrupt, truncated or foreign file changes
 * nothing. Records are keyed by their ids, so importing the same file twice adds nothing.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, PAIR_ROLES } from './protocol';
import type { BinomeDb, Pair } from './db';
import { EXPORT_FORMAT, EXPORT_VERSION, type Progress } from './export';
import { elementDescriptionSchema } from './element-description';
import { pageContextSchema, screenshotSchema } from './payloads';
import { base64ToBlob } from './screenshot';
import { refreshThread, type StoredMessage } from './threads';

const MAX_TEXT = 20_000;
const time = z.number().int().nonnegative();

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: time,
  pairs: z.array(
    z.object({ pairId: z.uuid(), peerName: z.string().max(200), myRole: z.enum(PAIR_ROLES), createdAt: time }),
  ),
  messages: z.array(
    z.object({
      id: z.uuid(),
      threadId: z.uuid(),
      pairId: z.uuid(),
      kind: z.enum(MESSAGE_KINDS),
      fromMe: z.boolean(),
      text: z.string().max(MAX_TEXT),
      createdAt: time,
      seq: z.number().int().positive(),
      context: pageContextSchema.nullable().optional(),
      skill: z.string().max(120).optional(),
      screenshot: screenshotSchema.optional(),
      element: elementDescriptionSchema.optional(),
    }),
  ),
  notes: z.array(z.object({ threadId: z.uuid(), text: z.string().max(MAX_TEXT), updatedAt: time })),
  reviews: z.array(z.object({ skillKey: z.string().max(300), step: z.number().int().min(0).max(10), dueAt: time, lastReviewedAt: time })),
  tombstones: z.array(z.object({ threadId: z.uuid(), deletedAt: time })),
});

export type ImportErrorReason = 'not_json' | 'not_binome' | 'newer_version' | 'invalid';

export class ImportError extends Error {
  constructor(readonly reason: ImportErrorReason, detail: string) {
    super(detail);
    this.name = 'ImportError';
  }
}

export interface ImportReport {
  messagesAdded: number;
  threads: number;
  pairsAdded: number;
}

function parse(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('not_json', 'The file is not JSON (it may be truncated).');
  }
  const header = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!header.success || header.data.format !== EXPORT_FORMAT) throw new ImportError('not_binome', 'Not a Binôme export.');
  if (header.data.version > EXPORT_VERSION) throw new ImportError('newer_version', 'Made by a newer Binôme.');
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) throw new ImportError('invalid', parsed.error.issues[0]?.message ?? 'Invalid file');
  const pairIds = new Set(parsed.data.pairs.map((pair) => pair.pairId));
  const orphan = parsed.data.messages.find((message) => !pairIds.has(message.pairId));
  if (orphan) throw new ImportError('invalid', `Message ${orphan.id} belongs to no pair of the file.`);
  const threadPair = new Map<string, string>();
  for (const message of parsed.data.messages) {
    const known = threadPair.get(message.threadId);
    if (known && known !== message.pairId) throw new ImportError('invalid', `Thread ${message.threadId} mixes two pairs.`);
    threadPair.set(message.threadId, message.pairId);
  }
  return parsed.data;
}

/** A pair known only from an import: its history shows, but nothing can be sent in it. */
function archivedPair(pair: z.infer<typeof exportSchema>['pairs'][number]): Pair {
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
    leftAt: null,
    leftByMe: false,
    peerRevokedAt: null,
    broken: null,
  };
}

const CHUNK = 500;

export async function importJson(db: BinomeDb, text: string, progress?: Progress): Promise<ImportReport> {
  const data = parse(text);
  const pairOfThread = new Map(data.messages.map((message) => [message.threadId, message.pairId]));
  const threadPair = (threadId: string) => pairOfThread.get(threadId);
  const report: ImportReport = { messagesAdded: 0, threads: 0, pairsAdded: 0 };
  const tables = [db.pairs, db.threads, db.messages, db.notes, db.reviews, db.tombstones];
  await db.transaction('rw', tables, async () => {
    for (const pair of data.pairs) {
      if (await db.pairs.get(pair.pairId)) continue;
      await db.pairs.add(archivedPair(pair));
      report.pairsAdded++;
    }
    for (const tombstone of data.tombstones) await db.tombstones.put(tombstone);
    const deleted = new Set(await db.tombstones.toCollection().primaryKeys());
    const touched = new Set<string>();
    for (let offset = 0; offset < data.messages.length; offset += CHUNK) {
      const chunk = data.messages.slice(offset, offset + CHUNK).filter((message) => !deleted.has(message.threadId));
      const existing = new Set((await db.messages.bulkGet(chunk.map((message) => message.id))).filter(Boolean).map((message) => message!.id));
      const fresh: StoredMessage[] = chunk
        .filter((message) => !existing.has(message.id))
        .map(({ screenshot, ...message }) =>
          screenshot ? { ...message, screenshot: base64ToBlob(screenshot.data, screenshot.type) } : message,
        );
      await db.messages.bulkAdd(fresh);
      report.messagesAdded += fresh.length;
      for (const message of fresh) touched.add(message.threadId);
      progress?.(Math.min(offset + CHUNK, data.messages.length), data.messages.length);
    }
    for (const threadId of touched) {
      const local = await db.threads.get(threadId);
      // Throwing aborts the transaction: a file that contradicts the log changes nothing.
      if (local && local.pairId !== threadPair(threadId)) throw new ImportError('invalid', `Thread ${threadId} belongs to another pair here.`);
      await refreshThread(db, threadId);
    }
    report.threads = touched.size;
    for (const note of data.notes) {
      const current = await db.notes.get(note.threadId);
      if (!current || current.updatedAt < note.updatedAt) await db.notes.put(note);
    }
    for (const review of data.reviews) {
      const current = await db.reviews.get(review.skillKey);
      if (!current || current.lastReviewedAt < review.lastReviewedAt) await db.reviews.put(review);
    }
  });
  return report;
}
