/**
 * The forms limit what a person types with the declared limits, and count down near the end;
 * the context view says when Binôme shortened what it captured. Rendered for real (Preact on
 * linkedom), in English and in French.
 */
import { parseHTML } from 'linkedom';
import { act } from 'preact/test-utils';
import { createRoot, type Root } from 'react-dom/client';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplyForm } from '@/components/ReplyForm';
import { SkillField } from '@/components/SkillField';
import { PageContextView } from '@/components/PageContextView';
import { TEXT_LIMITS } from '@/lib/conversation/text-limits';
import { speak } from '../helpers/i18n';

let container: HTMLElement;
let root: Root | undefined;

beforeEach(() => {
  const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  Object.assign(globalThis, { window, document, Event: window.Event });
  container = document.getElementById('root') as unknown as HTMLElement;
  speak('en');
});

afterEach(async () => {
  await act(() => root?.unmount());
  root = undefined;
});

async function render(node: ReactNode): Promise<void> {
  await act(() => {
    root = createRoot(container);
    root.render(node);
  });
}

async function type(field: HTMLTextAreaElement | HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Browsers take it as the maxLength property; linkedom, which has none, keeps Preact's attribute as written. */
const maxLengthOf = (field: Element) => field.getAttribute('maxlength') ?? field.getAttribute('maxLength');
const counter = () => container.querySelector('p.hint')?.textContent ?? null;
const reply = () => render(<ReplyForm label="Answer" submitLabel="Send" onSubmit={() => Promise.resolve()} />);

describe('typed text limits in the forms', () => {
  it('gives the reply box the declared limit, and counts only near it', async () => {
    await reply();
    const box = container.querySelector('textarea')!;
    expect(maxLengthOf(box)).toBe(String(TEXT_LIMITS.text));
    await type(box, 'Click "Start a post".');
    expect(counter()).toBeNull();
    await type(box, 'x'.repeat(TEXT_LIMITS.text - 20));
    expect(counter()).toBe('20 characters left');
    expect(box.getAttribute('aria-describedby')).toBe(container.querySelector('p.hint')!.id);
    await type(box, 'x'.repeat(TEXT_LIMITS.text - 1));
    expect(counter()).toBe('1 character left');
  });

  it('counts in French, with French plurals', async () => {
    speak('fr');
    await reply();
    const box = container.querySelector('textarea')!;
    await type(box, 'x'.repeat(TEXT_LIMITS.text - 1));
    expect(counter()).toBe('1 caractère restant');
    await type(box, 'x'.repeat(TEXT_LIMITS.text - 1500));
    expect(counter()).toBe('1\u202f500 caractères restants');
    await type(box, 'x'.repeat(TEXT_LIMITS.text));
    expect(counter()).toBe('0 caractère restant');
  });

  it('limits the skill field to the skill limit', async () => {
    await render(<SkillField tool="excel" value={'s'.repeat(TEXT_LIMITS.skill - 2)} onChange={() => {}} />);
    const input = container.querySelector('input')!;
    expect(maxLengthOf(input)).toBe(String(TEXT_LIMITS.skill));
    expect([...container.querySelectorAll('p.hint')].map((hint) => hint.textContent)).toContain('2 characters left');
  });
});

describe('a shortened context', () => {
  const context = {
    url: 'https://example.com/',
    title: 'Example',
    tool: 'example.com',
    toolName: 'example.com',
    selection: 'Part of a long text',
  };

  it('says so next to the shortened field, on either side of the pair', async () => {
    await render(<PageContextView context={{ ...context, trimmed: ['selection'] }} />);
    const notes = [...container.querySelectorAll('p.hint')];
    expect(notes.map((note) => note.textContent)).toEqual(['Shortened: it was too long to send in full.']);
    expect(notes[0]!.parentElement!.querySelector('blockquote')?.textContent).toBe('Part of a long text');
  });

  it('says nothing when nothing was shortened', async () => {
    await render(<PageContextView context={context} />);
    expect(container.querySelectorAll('p.hint')).toHaveLength(0);
  });
});
