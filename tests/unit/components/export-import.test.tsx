/**
 * The log's import screen, rendered for real (Preact on linkedom): a progress bar while a file
 * is read, then one sentence saying how it went — the file's own problem as an alert, the
 * summary as a status.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import { ExportImport } from '@/components/log/ExportImport';
import { exportJson } from '@/lib/knowledge/export';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, showWithDb, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  speak('en');
});

afterEach(unmountShown);

/** A file whose text arrives when the test says. */
function heldFile() {
  let deliver!: (text: string) => void;
  const text = new Promise<string>((resolve) => (deliver = resolve));
  return { file: { size: 10, text: () => text }, deliver };
}

async function pick(file: { size: number; text(): Promise<string> }): Promise<void> {
  const input = container.querySelector('input[type="file"]')!;
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const sentence = () =>
  [...container.querySelectorAll('[role="alert"], [role="status"]')].map((p) => [
    p.getAttribute('role'),
    p.className,
    p.textContent,
  ]);

it('shows progress while a file is read, names what is wrong with a broken one, then sums up a good one', async () => {
  await showWithDb(emptyDb(), <ExportImport />);

  const broken = heldFile();
  await pick(broken.file);
  expect(container.querySelector('progress')).not.toBeNull();
  await act(async () => broken.deliver('{"cut short'));
  await vi.waitFor(() => expect(sentence()).toEqual([['alert', 'error', en.import_error_not_json.message]]));
  expect(container.querySelector('progress')).toBeNull();

  const good = heldFile();
  await pick(good.file);
  // The old failure does not stand beside the new attempt.
  expect(sentence()).toEqual([]);
  await act(async () => good.deliver(JSON.stringify(await exportJson(emptyDb()))));
  await vi.waitFor(() => expect(sentence()).toEqual([['status', 'ok', 'Import finished: 0 entries updated, 0 messages added.']]));
  expect(container.querySelector('progress')).toBeNull();
});
