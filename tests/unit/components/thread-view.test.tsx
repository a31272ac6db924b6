/**
 * An opened thread, rendered for real (Preact on linkedom): it names the buddy only once it
 * knows their name (never "Your buddy" first), and says when each message was written.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ServicesProvider } from '@/components/services';
import { ThreadView } from '@/components/ThreadView';
import type { BinomeDb } from '@/lib/db/db';
import type { Client } from '@/lib/messaging/client';
import en from '@/public/_locales/en/messages.json';
import { emptyDb, testPair } from '../helpers/db';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';
import { addEntry } from '../helpers/log-data';
import { sampleWalkthrough } from '../walkthrough/sample';

/** Long enough for held reads and the live queries after them to come back, with no clock involved. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

/** Holds every read of the pairs table until `release()`: the buddy's name arrives when the test says. */
async function holdPairReads(db: BinomeDb): Promise<{ release(): Promise<void> }> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  db.use({
    stack: 'dbcore',
    name: 'hold-pair-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'pairs') return table;
        return {
          ...table,
          // Read at once, while the transaction is alive; only the answer waits.
          get: async (request) => {
            const pair = await table.get(request);
            await gate;
            return pair;
          },
        };
      },
    }),
  });
  // A middleware joins the database's stack when it opens.
  db.close();
  await db.open();
  return {
    release: async () => {
      open();
      await settle();
    },
  };
}

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  speak('en');
});

afterEach(unmountShown);

async function openThread(db: BinomeDb, threadId: string): Promise<void> {
  const client = { markRead: async () => undefined } as unknown as Client;
  await show(
    <ServicesProvider db={db} client={client}>
      <ThreadView threadId={threadId} onBack={() => undefined} />
    </ServicesProvider>,
  );
}

it('never says "Your buddy" while the buddy’s name is still being read', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair({ peerName: 'Léa' }));
  const threadId = await addEntry(db, { question: 'How do I pin a tab?', answer: 'Right-click it.', at: Date.now() });
  const held = await holdPairReads(db);
  await openThread(db, threadId);
  await settle();
  expect(container.textContent).not.toContain(en.buddy_unknown.message);
  await held.release();
  expect(container.querySelector('.thread-meta')?.textContent).toContain('You asked Léa');
  expect(container.querySelector('.message .author')?.textContent).toContain('Léa');
  expect(container.textContent).not.toContain(en.buddy_unknown.message);
});

it('says when the question and each answer were written', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair());
  const at = Date.now() - 3 * 3_600_000;
  const threadId = await addEntry(db, { question: 'How do I pin a tab?', answer: 'Right-click it.', at });
  await openThread(db, threadId);
  await settle();
  const times = [...container.querySelectorAll('time')];
  expect(times.map((time) => time.getAttribute('datetime'))).toEqual([
    new Date(at).toISOString(),
    new Date(at + 1000).toISOString(),
  ]);
  expect(container.querySelector('.thread-meta time')?.textContent).toMatch(/^3 hours ago/);
});

it('shows an answer’s picture with its numbers over it and its captions as a numbered list, as the knowledge log does', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair({ peerName: 'Léa' }));
  const threadId = await addEntry(db, { question: 'How do I post to my contacts only?', answer: 'Like this:', at: Date.now() });
  const answer = (await db.messages.where('threadId').equals(threadId).toArray()).find((message) => message.kind === 'answer')!;
  const marks = [
    { shape: 'marker' as const, x: 0.1, y: 0.2, width: 0, height: 0, caption: 'Click Start a post' },
    { shape: 'box' as const, x: 0.5, y: 0.5, width: 0.3, height: 0.2, caption: '<b>Connections only</b>' },
  ];
  await db.messages.update(answer.id, {
    picture: { image: new Blob([new Uint8Array([255, 216])], { type: 'image/jpeg' }), marks },
  } as never);
  await openThread(db, threadId);
  await settle();
  const figure = container.querySelector('figure.picture-answer')!;
  expect(figure.querySelector('img')?.getAttribute('alt')).toBe(
    'Picture of the screen of Léa, with numbers explained in the list below',
  );
  const numbers = [...figure.querySelectorAll('.picture-stage')][0]!.querySelectorAll('.picture-number');
  expect([...numbers].map((number) => number.textContent)).toEqual(['1', '2']);
  const first = figure.querySelector<HTMLElement>('.picture-marker')!;
  expect(first.getAttribute('style')?.replace(/\s/g, '')).toContain('left:10%;top:20%');
  const list = figure.querySelector('ol.picture-captions')!;
  expect([...list.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
    'Click Start a post',
    '<b>Connections only</b>',
  ]);
  // Peer text stays text.
  expect(list.querySelector('b')).toBeNull();
  expect(figure.querySelector('button')?.textContent).toBe('Enlarge the picture');
});

/** A thread with `answers` from the buddy, in order; those marked so carry a walkthrough. */
async function threadAnsweredWith(
  db: BinomeDb,
  answers: { walkthrough: boolean }[],
  direction: 'outgoing' | 'incoming' = 'outgoing',
): Promise<string> {
  const at = Date.now() - 60_000;
  const threadId = await addEntry(db, { question: 'How do I add a contact?', answer: 'Like this:', at, direction });
  const [first] = (await db.messages.where('threadId').equals(threadId).toArray()).filter((message) => message.kind === 'answer');
  const later = answers.slice(1).map((_, index) => ({
    ...first!,
    id: crypto.randomUUID(),
    text: `Also this (${index + 1}).`,
    createdAt: first!.createdAt + 1000 * (index + 1),
    seq: first!.seq! + 1000 + index,
  }));
  await db.messages.bulkAdd(later);
  const ids = [first!.id, ...later.map((message) => message.id)];
  for (const [index, answer] of answers.entries()) {
    if (answer.walkthrough) await db.messages.update(ids[index]!, { walkthrough: sampleWalkthrough(2) } as never);
  }
  return threadId;
}

function primaryButtons(): string[] {
  return [...container.querySelectorAll('button.primary')].map((button) => button.textContent ?? '');
}

it('has one primary button when the answer is a walkthrough: "Show me" for the asker, "Send answer" for the helper', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair());
  const asked = await threadAnsweredWith(db, [{ walkthrough: true }]);
  await openThread(db, asked);
  await settle();
  expect(primaryButtons()).toEqual([en.walkthrough_show.message]);
  const gotIt = [...container.querySelectorAll('button')].find((button) => button.textContent === en.got_it.message);
  expect(gotIt?.className).not.toContain('primary');
  await unmountShown();

  container = pageToRenderIn();
  const answered = await threadAnsweredWith(db, [{ walkthrough: true }], 'incoming');
  await openThread(db, answered);
  await settle();
  expect(container.querySelector('.recorded-steps')).not.toBeNull();
  expect(primaryButtons()).toEqual([en.answer_send.message]);
});

it('makes only the newest walkthrough’s "Show me" primary, and "Got it" once the buddy wrote after it', async () => {
  const db = emptyDb();
  await db.pairs.put(testPair());
  const twoWalkthroughs = await threadAnsweredWith(db, [{ walkthrough: true }, { walkthrough: true }]);
  await openThread(db, twoWalkthroughs);
  await settle();
  const showButtons = [...container.querySelectorAll('.walkthrough button')].filter(
    (button) => button.textContent === en.walkthrough_show.message,
  );
  expect(showButtons.map((button) => button.classList.contains('primary'))).toEqual([false, true]);
  await unmountShown();

  container = pageToRenderIn();
  const wordsAfter = await threadAnsweredWith(db, [{ walkthrough: true }, { walkthrough: false }]);
  await openThread(db, wordsAfter);
  await settle();
  expect(container.querySelector('.walkthrough')).not.toBeNull();
  expect(primaryButtons()).toEqual([en.got_it.message]);
});
