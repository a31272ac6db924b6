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
