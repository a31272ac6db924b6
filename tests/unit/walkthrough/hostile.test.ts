/**
 * A step comes from a peer: its selectors and words are hostile until proven otherwise.
 * The resolver only ever passes them to querySelectorAll (capped, inside try/catch) and
 * compares words: it never throws, never changes the page, never runs anything.
 */
import { describe, expect, it } from 'vitest';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import { resolveStepTarget } from '@/lib/walkthrough/resolve';
import type { StepTarget } from '@/lib/walkthrough/schema';
import { loadPage, locate, recordOn } from './pages';

const pageA = loadPage('crm-a.html');
recordOn(pageA);
const save = describeStepTarget(locate(pageA, ['button[data-action="save"]']));

const MEGABYTE = 'a'.repeat(1024 * 1024);
const SCRIPT = '"]<img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=1</script>';

const hostile: Array<[string, Partial<StepTarget>]> = [
  ['a script-looking selector', { selector: `<script>globalThis.__pwned = 1</script>` }],
  ['a 1 MB selector', { selector: MEGABYTE }],
  ['invalid CSS', { selector: 'button[data-action=' }],
  ['a selector of pseudo-elements', { selector: '::before:::after' }],
  ['a selector that matches everything', { selector: '*' }],
  ['script-looking words', { name: SCRIPT, text: SCRIPT, label: SCRIPT, placeholder: SCRIPT, testId: SCRIPT, id: SCRIPT }],
  ['1 MB words', { name: MEGABYTE, text: MEGABYTE, testId: MEGABYTE, id: MEGABYTE, placeholder: MEGABYTE }],
  [
    'hostile data-* names and values',
    { dataAttributes: { 'data-x"] , *[y': SCRIPT, 'data-ok': MEGABYTE, onclick: 'x' } as never },
  ],
  ['hostile frame and shadow paths', { framePath: [MEGABYTE, '<iframe>', 'iframe['], shadowPath: Array(50).fill(':::') }],
  ['a hostile tag and role', { tag: '*, script', role: 'button"], *[x' }],
  [
    'impossible numbers',
    { siblingIndex: Number.NaN, siblingCount: -1, place: { x: Infinity, y: -5, width: Number.NaN, height: 1e308 } },
  ],
];

describe('hostile steps', () => {
  it.each(hostile)('%s: no throw, the page unchanged, nothing run', (_, change) => {
    const page = loadPage('crm-b-hashed.html');
    const before = page.documentElement.outerHTML;
    const target = { ...save, ...change } as StepTarget;
    expect(() => resolveStepTarget(target, page)).not.toThrow();
    expect(page.documentElement.outerHTML).toBe(before);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('a selector matching everything makes nothing sure on a page where the element is gone', () => {
    const page = loadPage('crm-b-gone.html');
    expect(resolveStepTarget({ ...save, selector: '*' }, page).kind).toBe('missing');
    expect(resolveStepTarget({ ...save, selector: 'button' }, page).kind).toBe('missing');
  });

  it('a step that copies only the role and place of a real button is never sure', () => {
    const page = loadPage('crm-b-hashed.html');
    const bare: StepTarget = { ...save, name: '', text: '', label: '', testId: '', id: '', dataAttributes: {}, selector: '' };
    expect(resolveStepTarget(bare, page).kind).toBe('missing');
  });
});
