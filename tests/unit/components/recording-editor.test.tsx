/**
 * The walkthrough editor in the helper's thread view, rendered for real (Preact on linkedom):
 * every step has a caption field named by its number and buttons that say which step they move
 * or delete, and each edit lands in the Dexie draft the background writes to.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ServicesProvider } from '@/components/services';
import { RecordingSection } from '@/components/walkthrough/RecordingSection';
import type { Client } from '@/lib/messaging/client';
import { appendStep, readDraft, startDraft, stopRecording } from '@/lib/walkthrough/recorder-draft';
import type { WalkthroughStep } from '@/lib/walkthrough/schema';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

const THREAD = '11111111-1111-4111-8111-111111111111';

function step(name: string): WalkthroughStep {
  return {
    action: 'click',
    caption: `Click “${name}”`,
    urlPattern: 'https://app.acme.com/',
    target: {
      tag: 'button',
      role: 'button',
      name,
      label: '',
      placeholder: '',
      text: name,
      testId: '',
      dataAttributes: {},
      id: '',
      selector: 'button',
      siblingIndex: 0,
      siblingCount: 1,
      place: { x: 0, y: 0, width: 0.1, height: 0.1 },
      framePath: [],
      shadowPath: [],
    },
  };
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  speak('en');
  container = pageToRenderIn();
});
afterEach(unmountShown);

const button = (name: string) =>
  Array.from(container.querySelectorAll('button')).find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent) === name,
  );

it('shows "Show how on my page" and the text answer while there is no draft', async () => {
  const db = emptyDb();
  await show(
    <ServicesProvider db={db} client={{} as Client}>
      <RecordingSection threadId={THREAD} site="app.acme.com" headingLevel={2}>
        <p id="text-answer">the text answer</p>
      </RecordingSection>
    </ServicesProvider>,
  );
  await settle();
  expect(button('Show how on my page')).toBeDefined();
  expect(container.querySelector('#text-answer')).not.toBeNull();
});

it('edits the steps with named buttons, and the text answer gives way to the editor', async () => {
  const db = emptyDb();
  await startDraft(db, { threadId: THREAD, tabId: 4, startUrl: 'https://app.acme.com/' });
  for (const name of ['New contact', 'Import', 'Save']) await appendStep(db, 4, step(name));
  await stopRecording(db, THREAD);
  await show(
    <ServicesProvider db={db} client={{ syncNow: async () => undefined } as Client}>
      <RecordingSection threadId={THREAD} site="app.acme.com" headingLevel={2}>
        <p id="text-answer">the text answer</p>
      </RecordingSection>
    </ServicesProvider>,
  );
  await settle();
  expect(container.querySelector('#text-answer')).toBeNull();
  const labels = Array.from(container.querySelectorAll('.draft-step label'), (label) => label.textContent);
  expect(labels).toEqual(['Step 1 (a click): what to do', 'Step 2 (a click): what to do', 'Step 3 (a click): what to do']);
  // The first step cannot move up, nor the last down: those buttons are off.
  expect(button('Move step 1 up')?.hasAttribute('disabled')).toBe(true);
  expect(button('Move step 3 down')?.hasAttribute('disabled')).toBe(true);

  await act(() => button('Delete step 2')!.click());
  await settle();
  await act(() => button('Move step 2 up')!.click());
  await settle();
  expect((await readDraft(db, THREAD))?.steps.map((kept) => kept.caption)).toEqual(['Click “Save”', 'Click “New contact”']);
  expect(Array.from(container.querySelectorAll('.draft-step textarea'), (field) => (field as HTMLTextAreaElement).value)).toEqual(
    ['Click “Save”', 'Click “New contact”'],
  );
  expect(button('Send the walkthrough')?.hasAttribute('disabled')).toBe(false);
});
