/**
 * An answered entry whose answer is a picture of the helper's screen: the JSON export carries the
 * picture (base64, as on the wire) with its marks, the import brings both back exactly, and a file
 * whose picture the receiver would refuse is refused whole, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import type { BinomeDb } from '@/lib/db/db';
import type { PictureMark } from '@/lib/conversation/annotated-picture';
import type { StoredMessage } from '@/lib/conversation/threads';
import { exportJson, exportMarkdown } from '@/lib/knowledge/export';
import { ImportError, importJson } from '@/lib/knowledge/import';
import { emptyDb, freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const BYTES = [255, 216, 255, 224, 1, 2, 3, 4, 5];
const marks: PictureMark[] = [
  { shape: 'marker', x: 0.25, y: 0.1, width: 0, height: 0, caption: 'Click “Start a post”' },
  { shape: 'box', x: 0.5, y: 0.5, width: 0.25, height: 0.2, caption: 'Choose “Connections only”' },
];

async function logWithPicture(): Promise<{ db: BinomeDb; answerId: string }> {
  const db = freshDb();
  await db.pairs.add(testPair());
  const threadId = await addEntry(db, { question: 'Post to my contacts only?', answer: 'Like this:', at: 1000 });
  const answer = (await db.messages.where('threadId').equals(threadId).toArray()).find((message) => message.kind === 'answer')!;
  await db.messages.update(answer.id, {
    picture: { image: new Blob([new Uint8Array(BYTES)], { type: 'image/jpeg' }), marks },
  } as never);
  return { db, answerId: answer.id };
}

async function pictureOf(db: BinomeDb, id: string) {
  const message = (await db.messages.get(id)) as StoredMessage | undefined;
  const picture = message?.picture;
  return (
    picture && { type: picture.image.type, bytes: [...new Uint8Array(await picture.image.arrayBuffer())], marks: picture.marks }
  );
}

describe('an answer’s picture in the JSON export', () => {
  it('travels to another computer and back, bytes and marks', async () => {
    const { db, answerId } = await logWithPicture();
    const exported = await exportJson(db, 9000);
    const inFile = exported.messages.find((message) => message.id === answerId);
    expect(inFile?.picture).toEqual({ screenshot: { type: 'image/jpeg', data: Buffer.from(BYTES).toString('base64') }, marks });
    const target = emptyDb();
    const report = await importJson(target, JSON.stringify(exported));
    expect(report.messagesAdded).toBe(2);
    expect(await pictureOf(target, answerId)).toEqual({ type: 'image/jpeg', bytes: BYTES, marks });
  });

  const spoiled: [string, (marksInFile: unknown[]) => unknown[]][] = [
    ['a mark out of the picture', (list) => [{ ...(list[0] as object), x: 3 }]],
    ['a box running off the edge', (list) => [{ ...(list[1] as object), width: 0.9 }]],
    ['too many marks', (list) => Array.from({ length: 21 }, () => list[0])],
    ['a caption too long', (list) => [{ ...(list[0] as object), caption: 'x'.repeat(301) }]],
  ];
  it.each(spoiled)('refuses a file whose picture has %s, and changes nothing', async (_, spoil) => {
    const { db, answerId } = await logWithPicture();
    const exported = await exportJson(db, 9000);
    const answer = exported.messages.find((message) => message.id === answerId)!;
    answer.picture = { ...answer.picture!, marks: spoil(answer.picture!.marks) as PictureMark[] };
    const target = freshDb();
    await addEntry(target, { question: 'Mine already', answer: 'yes', at: 1 });
    const before = {
      messages: await target.messages.toArray(),
      threads: await target.threads.toArray(),
      pairs: await target.pairs.toArray(),
    };
    const error = await importJson(target, JSON.stringify(exported)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe('invalid');
    expect({
      messages: await target.messages.toArray(),
      threads: await target.threads.toArray(),
      pairs: await target.pairs.toArray(),
    }).toEqual(before);
  });
});

describe('an answer’s picture in the Markdown export', () => {
  it('lists its captions in order, as text', async () => {
    const { db } = await logWithPicture();
    await db.messages.toCollection().modify((message) => {
      const picture = (message as StoredMessage).picture;
      if (picture) picture.marks = [...marks, { ...marks[0]!, caption: '<img src=x onerror=alert(1)> # not a heading' }];
    });
    const markdown = await exportMarkdown(db, {
      title: 'Log',
      asked: 'Asked',
      answered: 'Answered',
      tool: 'Tool',
      skill: 'Skill',
      buddy: 'Buddy',
      page: 'Page',
      note: 'Note',
      me: 'Me',
      picture: 'A picture of the screen, with these numbers:',
      columns: [],
    });
    expect(markdown).toContain(
      '> Like this:\n>\n> *A picture of the screen, with these numbers:*\n>\n> 1. Click “Start a post”\n> 2. Choose “Connections only”\n> 3. ',
    );
    expect(markdown).not.toContain('<img src=x');
  });
});
