import { describe, expect, it } from 'vitest';
import type { BinomeDb } from '@/lib/db/db';
import { exportCsv, exportJson, exportMarkdown, type PeopleLabels } from '@/lib/knowledge/export';
import { importJson, ImportError } from '@/lib/knowledge/import';
import { deleteEntry, saveNote } from '@/lib/knowledge/log';
import { recordReview, learnedSkills } from '@/lib/knowledge/skills';
import type { StoredMessage } from '@/lib/conversation/threads';
import { emptyDb, freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const labels: PeopleLabels = {
  title: 'My knowledge log',
  asked: 'Asked',
  answered: 'Answered',
  tool: 'Tool',
  skill: 'Skill',
  buddy: 'Buddy',
  page: 'Page',
  note: 'Note',
  me: 'Me',
  picture: 'A picture of the screen, with these numbers:',
  columns: ['asked', 'answered', 'tool', 'skill', 'buddy', 'question', 'answer', 'status', 'url', 'note'],
};

async function sampleLog(): Promise<{ db: BinomeDb; ids: string[] }> {
  const db = freshDb();
  await db.pairs.add(testPair());
  const ids = [
    await addEntry(db, {
      question: 'Tableau croisé ?',
      answer: 'Insertion > TCD\nthen drag "Team"',
      at: 1000,
      url: 'https://excel.officeapps.live.com/x/a.xlsx',
      skill: 'excel/pivot-tables',
      resolved: true,
    }),
    await addEntry(db, {
      question: '=SUM(A1) is it safe?',
      answer: '@mention works',
      at: 2000,
      url: 'https://www.linkedin.com/feed/',
    }),
    await addEntry(db, { question: 'Deleted one', answer: 'gone', at: 3000 }),
  ];
  await saveNote(db, ids[0]!, 'Ask again in March', 5000);
  await recordReview(db, learnedSkills(await db.threads.toArray(), [])[0]!, 'known', 6000);
  await deleteEntry(db, ids[2]!, 7000);
  // A question with its screenshot: the file carries it as base64, the log as a Blob.
  await db.messages.update(ids[0]!, {
    screenshot: new Blob([new Uint8Array([255, 216, 255, 1, 2, 3])], { type: 'image/jpeg' }),
  } as never);
  return { db, ids };
}

async function contents(db: BinomeDb) {
  return {
    threads: (await db.threads.orderBy('id').toArray()).map(({ readSeq, ...thread }) => thread),
    messages: await Promise.all(
      ((await db.messages.orderBy('id').toArray()) as StoredMessage[]).map(async ({ screenshot, ...message }) => ({
        ...message,
        screenshot: screenshot ? [screenshot.type, [...new Uint8Array(await screenshot.arrayBuffer())]] : null,
      })),
    ),
    notes: await db.notes.toArray(),
    reviews: await db.reviews.toArray(),
    tombstones: await db.tombstones.toArray(),
    pairNames: (await db.pairs.toArray()).map((pair) => pair.peerName),
  };
}

async function contentsBesidesDeletions(db: BinomeDb) {
  const { tombstones: _deletions, ...rest } = await contents(db);
  return rest;
}

describe('JSON export and import', () => {
  it('round-trips the whole log to another computer, and a second import adds nothing', async () => {
    const { db } = await sampleLog();
    const file = JSON.stringify(await exportJson(db, 9000));
    const target = emptyDb();
    const progress: number[] = [];
    const report = await importJson(target, file, (done) => progress.push(done));
    expect(report).toMatchObject({ messagesAdded: 5, threads: 2, pairsAdded: 1 });
    expect(progress.at(-1)).toBe(5);
    expect(await contentsBesidesDeletions(target)).toEqual(await contentsBesidesDeletions(db));
    // The entry deleted there stays out, but a file's deletions are not stored here: they would
    // make sync drop a thread's messages for good (see the rule in lib/knowledge/import.ts).
    expect(await db.tombstones.count()).toBe(1);
    expect(await target.tombstones.count()).toBe(0);
    // Imported pairs show their history but cannot send: they have no key on this computer.
    expect((await target.pairs.toArray())[0]).toMatchObject({ peerName: 'Léa', pairKey: null, relayUrl: '' });

    const again = await importJson(target, file);
    expect(again).toMatchObject({ messagesAdded: 0, pairsAdded: 0 });
    expect(await contentsBesidesDeletions(target)).toEqual(await contentsBesidesDeletions(db));
  });

  it('merges into an existing log without duplicates', async () => {
    const { db } = await sampleLog();
    const file = JSON.stringify(await exportJson(db));
    const report = await importJson(db, file);
    expect(report.messagesAdded).toBe(0);
    expect(await db.threads.count()).toBe(2);
  });

  const rejections: [string, (file: string) => string, ImportError['reason']][] = [
    ['not JSON at all', () => 'hello', 'not_json'],
    ['truncated', (file) => file.slice(0, file.length / 2), 'not_json'],
    ['another application’s JSON', () => JSON.stringify({ name: 'bookmarks', items: [] }), 'not_binome'],
    ['a newer format', (file) => file.replace('"version":1', '"version":99'), 'newer_version'],
    ['corrupt fields', (file) => file.replace(/"kind":"answer"/, '"kind":42'), 'invalid'],
    ['a message of no pair', (file) => file.replace(/"pairs":\[.*?\]/, '"pairs":[]'), 'invalid'],
  ];
  it.each(rejections)('rejects a file that is %s and changes nothing', async (_name, spoil, reason) => {
    const { db } = await sampleLog();
    const file = JSON.stringify(await exportJson(db));
    const target = freshDb();
    await addEntry(target, { question: 'Mine already', answer: 'yes', at: 1 });
    const before = await contents(target);
    const error = await importJson(target, spoil(file)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe(reason);
    expect(await contents(target)).toEqual(before);
  });
});

describe('exports for people', () => {
  it('writes Markdown with question, tool, page, skill, buddy, answers and note', async () => {
    const { db } = await sampleLog();
    const markdown = await exportMarkdown(db, labels);
    expect(markdown).toContain('# My knowledge log');
    expect(markdown).toContain('## Tableau croisé ?');
    expect(markdown).toContain('- Tool: Excel Online');
    expect(markdown).toContain('- Skill: Pivot tables');
    expect(markdown).toContain('- Buddy: Léa');
    expect(markdown).toContain('> Insertion > TCD\n> then drag "Team"');
    expect(markdown).toContain('*Note:* Ask again in March');
    expect(markdown).not.toContain('Deleted one');
  });

  it('writes CSV that spreadsheets open safely: quoted, BOM, formulas defused', async () => {
    const { db } = await sampleLog();
    const csv = await exportCsv(db, labels);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF"asked","answered","tool","skill","buddy","question","answer","status","url","note"');
    expect(csv).toContain(`"'=SUM(A1) is it safe?"`);
    expect(csv).toContain(`"'@mention works"`);
    expect(csv).toContain('"Insertion > TCD\nthen drag ""Team"""');
    expect(lines.filter((line) => line.startsWith('"19')).length).toBe(2);
  });
});
