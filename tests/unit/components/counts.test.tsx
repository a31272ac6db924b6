/**
 * Counts on screen, rendered for real (Preact on linkedom): each says its noun in the form its
 * number and its language want — never "1 questions" or « 0 entrées ».
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ExportImport } from '@/components/log/ExportImport';
import { SkillsLearned } from '@/components/log/SkillsLearned';
import { ThreadList } from '@/components/ThreadList';
import type { Thread } from '@/lib/db/db';
import { exportJson } from '@/lib/knowledge/export';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, show, showWithDb, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';
import { addEntry } from '../helpers/log-data';

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
});

afterEach(unmountShown);

it.each([
  ['en', 'Show all 2 questions'],
  ['fr', 'Afficher les 2 questions'],
] as const)('a list cut short says how many questions it hides (%s)', async (language, expected) => {
  speak(language);
  const first = { id: 't1', question: 'How do I share?', direction: 'incoming', status: 'sent', askedAt: Date.now() } as Thread;
  await show(
    <ThreadList threads={[first]} label="Questions" onOpen={() => {}} more={{ total: 2, loadAll: async () => [first] }} />,
  );
  expect(container.querySelector('button.link')?.textContent).toBe(expected);
});

it.each([
  ['en', '1 question', '0 resolved'],
  ['fr', '1 question', '0 résolue'],
] as const)('a learned skill counts its questions and those resolved (%s)', async (language, questions, resolved) => {
  speak(language);
  const db = emptyDb();
  await addEntry(db, {
    question: 'Share a sheet?',
    answer: 'Click Share.',
    url: 'https://docs.google.com/x',
    skill: 'Sharing',
    at: 1,
  });
  await showWithDb(db, <SkillsLearned onOpen={() => {}} />);
  await vi.waitFor(() => expect(container.querySelector('.skill-item p')).not.toBeNull());
  const stats = container.querySelector('.skill-item p')!.textContent!.split(' · ');
  expect([stats[1], stats[3]]).toEqual([questions, resolved]);
});

it('an import of nothing says so in the singular in French', async () => {
  speak('fr');
  const db = emptyDb();
  await showWithDb(db, <ExportImport />);
  const input = container.querySelector('input[type="file"]')!;
  const text = JSON.stringify(await exportJson(db));
  Object.defineProperty(input, 'files', { configurable: true, value: [{ size: text.length, text: async () => text }] });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await vi.waitFor(() =>
    expect(container.querySelector('[role="status"]')?.textContent).toBe(
      'Import terminé\u202f: 0 entrée mise à jour, 0 message ajouté.',
    ),
  );
});
