/**
 * The busy/error life of an action (useSubmit) and the sentence under it (StatusMessage),
 * rendered for real (Preact on linkedom, as in tests/unit/db/profile-form.test.tsx) through a
 * button whose action finishes when the test says.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import { StatusMessage } from '@/components/StatusMessage';
import { useSubmit } from '@/components/useSubmit';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

/** An action that ends when the test settles it. */
function heldAction() {
  let settle!: { resolve(): void; reject(error: unknown): void };
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { action: () => promise, ...settle };
}

function SendButton({ next, toSentence }: { next(): Promise<void>; toSentence?: (error: unknown) => string }) {
  const { busy, error, run } = useSubmit(toSentence);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(next)}>
        Send
      </button>
      <StatusMessage text={error} error />
    </>
  );
}

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  speak('en');
});

afterEach(unmountShown);

/** Renders the button; each click runs the next of `actions`. */
async function mount(actions: (() => Promise<void>)[], toSentence?: (error: unknown) => string): Promise<void> {
  const next = () => actions.shift()!();
  await show(<SendButton next={next} {...(toSentence ? { toSentence } : {})} />);
}

const button = () => container.querySelector('button')!;
const alert = () => container.querySelector('[role="alert"]');

async function click(): Promise<void> {
  await act(() => button().click());
}

/** Lets the action's end reach the screen. */
async function settled(settle: () => void): Promise<void> {
  await act(async () => {
    settle();
    await Promise.resolve();
  });
}

describe('useSubmit', () => {
  it('is busy while the action runs and not after it succeeded, with no error shown', async () => {
    const sending = heldAction();
    await mount([sending.action]);
    expect(button().disabled).toBe(false);

    await click();
    expect(button().disabled).toBe(true);

    await settled(sending.resolve);
    expect(button().disabled).toBe(false);
    expect(alert()).toBeNull();
  });

  it('shows the sentence for what went wrong, clears it when the person tries again, and shows the new outcome', async () => {
    const full = heldAction();
    const retry = heldAction();
    const third = heldAction();
    await mount([full.action, retry.action, third.action]);

    await click();
    await settled(() => full.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')));
    expect(button().disabled).toBe(false);
    expect(alert()?.textContent).toBe(en.error_storage_full.message);
    expect(alert()?.className).toBe('error');

    // The old failure does not stand beside the new attempt.
    await click();
    expect(button().disabled).toBe(true);
    expect(alert()).toBeNull();
    await settled(() => retry.reject(new Error('something else')));
    expect(alert()?.textContent).toBe(en.error_unexpected.message);

    await click();
    await settled(third.resolve);
    expect(alert()).toBeNull();
  });

  it('words the error with the screen’s own sentence when it has one', async () => {
    const failing = heldAction();
    await mount([failing.action], () => 'That file is not a Binôme log.');
    await click();
    await settled(() => failing.reject(new Error('bad file')));
    expect(alert()?.textContent).toBe('That file is not a Binôme log.');
  });
});

describe('StatusMessage', () => {
  it('announces a failure at once and a success politely, and shows nothing without a sentence', async () => {
    await show(
      <>
        <StatusMessage text="Could not send." error />
        <StatusMessage text="Saved." />
        <StatusMessage text={null} error />
        <StatusMessage text={undefined} />
      </>,
    );
    const shown = [...container.querySelectorAll('p')].map((p) => [p.getAttribute('role'), p.className, p.textContent]);
    expect(shown).toEqual([
      ['alert', 'error', 'Could not send.'],
      ['status', 'ok', 'Saved.'],
    ]);
  });
});
