/**
 * Exports of the knowledge log: JSON (complete, for backup or a new computer; `import.ts`
 * reads it back), Markdown and CSV (for people). Keys never leave the device: a pair
 * imported elsewhere is read-only history until the person pairs again.
 */
import type { BinomeDb, Note, Pair, Review, Thread, Tombstone } from '../db/db';
import { skillLabel } from './skill-catalogue';
import { markdownInline, markdownLines, markdownLink } from './markdown-text';
import { blobToBase64 } from '../capture/screenshot';
import { compareMessages, type StoredMessage } from '../conversation/threads';
import type { AnnotatedPicturePayload } from '../conversation/payloads';
import { pictureToSend } from '../conversation/stored-picture';

export const EXPORT_FORMAT = 'binome-knowledge-log';
export const EXPORT_VERSION = 1;

export interface ExportedPair {
  pairId: string;
  peerName: string;
  myRole: Pair['myRole'];
  createdAt: number;
}

/** In the file a screenshot (and an answer's picture) is base64 text, as on the wire; in the log it is a Blob. */
export type ExportedMessage = Omit<StoredMessage, 'screenshot' | 'picture'> & {
  screenshot?: { type: string; data: string };
  picture?: AnnotatedPicturePayload;
};

export interface LogExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  pairs: ExportedPair[];
  messages: ExportedMessage[];
  notes: Note[];
  reviews: Review[];
  tombstones: Tombstone[];
}

export type Progress = (done: number, total: number) => void;

const CHUNK = 500;

async function forFile({ screenshot, picture, ...message }: StoredMessage): Promise<ExportedMessage> {
  return {
    ...message,
    ...(screenshot ? { screenshot: { type: screenshot.type, data: await blobToBase64(screenshot) } } : {}),
    ...(picture ? { picture: await pictureToSend(picture) } : {}),
  };
}

/** Messages the relay accepted; ones still in the outbox belong to this device's queue. */
async function sentMessages(db: BinomeDb, progress?: Progress): Promise<ExportedMessage[]> {
  const total = await db.messages.count();
  const messages: ExportedMessage[] = [];
  for (let offset = 0; offset < total; offset += CHUNK) {
    const chunk = (await db.messages.orderBy('id').offset(offset).limit(CHUNK).toArray()) as StoredMessage[];
    messages.push(...(await Promise.all(chunk.filter((message) => message.seq !== null).map(forFile))));
    progress?.(Math.min(offset + CHUNK, total), total);
  }
  return messages;
}

export async function exportJson(db: BinomeDb, now = Date.now(), progress?: Progress): Promise<LogExport> {
  const pairs = await db.pairs.toArray();
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
    pairs: pairs.map(({ pairId, peerName, myRole, createdAt }) => ({ pairId, peerName, myRole, createdAt })),
    messages: await sentMessages(db, progress),
    notes: await db.notes.toArray(),
    reviews: await db.reviews.toArray(),
    tombstones: await db.tombstones.toArray(),
  };
}

interface EntryForPeople {
  thread: Thread;
  buddy: string;
  replies: StoredMessage[];
  note: string;
}

async function entriesForPeople(db: BinomeDb, progress?: Progress): Promise<EntryForPeople[]> {
  const threads = await db.threads.where('answeredAt').above(0).reverse().toArray();
  const names = new Map((await db.pairs.toArray()).map((pair) => [pair.pairId, pair.peerName]));
  const notes = new Map((await db.notes.toArray()).map((note) => [note.threadId, note.text]));
  const entries: EntryForPeople[] = [];
  for (const [index, thread] of threads.entries()) {
    const messages = (await db.messages.where('threadId').equals(thread.id).toArray()) as StoredMessage[];
    entries.push({
      thread,
      buddy: names.get(thread.pairId) ?? '',
      replies: messages.filter((message) => message.kind !== 'question').sort(compareMessages),
      note: notes.get(thread.id) ?? '',
    });
    if (index % CHUNK === 0) progress?.(index, threads.length);
  }
  progress?.(threads.length, threads.length);
  return entries;
}

export interface PeopleLabels {
  title: string;
  asked: string;
  answered: string;
  tool: string;
  skill: string;
  buddy: string;
  page: string;
  note: string;
  me: string;
  /** Before the captions of an answer's picture, which a text file can only list. */
  picture: string;
  columns: string[];
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every word that came from a person (question, answers, names, page) is escaped: see markdown-text.ts. */
export async function exportMarkdown(db: BinomeDb, labels: PeopleLabels, progress?: Progress): Promise<string> {
  const lines = [`# ${labels.title}`, ''];
  for (const { thread, buddy, replies, note } of await entriesForPeople(db, progress)) {
    lines.push(`## ${markdownInline(thread.question)}`, '');
    lines.push(`- ${labels.asked}: ${isoDate(thread.askedAt)} · ${labels.answered}: ${isoDate(thread.answeredAt)}`);
    if (thread.context) {
      lines.push(
        `- ${labels.tool}: ${markdownInline(thread.context.toolName)}`,
        `- ${labels.page}: ${markdownLink(thread.context.title, thread.context.url)}`,
      );
    }
    if (thread.skill) lines.push(`- ${labels.skill}: ${markdownInline(skillLabel(thread.skill))}`);
    lines.push(`- ${labels.buddy}: ${markdownInline(buddy)}`, '');
    for (const reply of replies.filter((message) => message.text || message.picture)) {
      const marks = reply.picture?.marks ?? [];
      lines.push(
        `**${reply.fromMe ? labels.me : markdownInline(buddy)}:**`,
        '',
        ...(reply.text ? markdownLines(reply.text).map((line) => `> ${line}`) : []),
        ...(reply.picture ? [...(reply.text ? ['>'] : []), `> *${labels.picture}*`, '>'] : []),
        ...marks.map((mark, index) => `> ${index + 1}. ${markdownInline(mark.caption)}`),
        '',
      );
    }
    if (note) lines.push(`*${labels.note}:* ${markdownLines(note).join('\n')}`, '');
  }
  return lines.join('\n');
}

/**
 * A cell that a spreadsheet could run as a formula (= + - @, their full-width forms that some
 * locales accept, after blanks that some trim, or a leading tab or line break) gets a leading
 * apostrophe, which spreadsheets read as "this is text".
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** Quotes every cell and defuses formulas. */
function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export async function exportCsv(db: BinomeDb, labels: PeopleLabels, progress?: Progress): Promise<string> {
  const rows = [labels.columns.map(csvCell).join(',')];
  for (const { thread, buddy, replies, note } of await entriesForPeople(db, progress)) {
    const answers = replies
      .filter((message) => message.kind === 'answer')
      .map((message) => message.text)
      .join('\n\n');
    rows.push(
      [
        isoDate(thread.askedAt),
        isoDate(thread.answeredAt),
        thread.context?.toolName ?? '',
        thread.skill ? skillLabel(thread.skill) : '',
        buddy,
        thread.question,
        answers,
        thread.status,
        thread.context?.url ?? '',
        note,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  // A byte-order mark so that Excel opens accents correctly.
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
