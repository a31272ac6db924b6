/**
 * What a step keeps of its element (issue 15, item 2): several independent ways of finding
 * it again, never what was typed, nothing a build or a framework makes up, and never more
 * than the schema lets travel, whatever the page puts in its attributes.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { describeStepTarget, stepElementFor } from '@/lib/walkthrough/describe';
import { isGeneratedId, isHashedClass } from '@/lib/walkthrough/generated';
import { stepTargetSchema, WALKTHROUGH_LIMITS } from '@/lib/walkthrough/schema';
import { recordOn } from './pages';

function page(body: string): Document {
  const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
  recordOn(document);
  return document;
}

function one(document: Document | ShadowRoot, selector: string): Element {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`No ${selector}`);
  return element;
}

describe('generated names', () => {
  it.each([
    ':r1:',
    ':R2d:',
    '«r3»',
    'ember1234',
    'ext-gen12',
    'mui-3',
    'react-select-2-input',
    'input_7',
    'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    'field-3f9a2c',
    'x9F2kQ',
    'id 1',
    '',
  ])('%s is a generated id', (id) => expect(isGeneratedId(id)).toBe(true));
  it.each(['contact-email', 'first-name', 'saveButton', 'newContactForm', 'main', 'search_box'])('%s is a stable id', (id) =>
    expect(isGeneratedId(id)).toBe(false),
  );
  it.each(['css-1x2y3z', 'sc-abc123', 'sc-bdVaJa', '_a1b2c3', 'Button_primary__3xT9a', 'jsx-2738', 'svelte-1u2v3w', 'emotion-0'])(
    '%s is a hashed class',
    (name) => expect(isHashedClass(name)).toBe(true),
  );
  it.each(['btn-primary', 'toolbar', 'field', 'actions', 'card-body', 'isActive'])('%s is a class a person wrote', (name) =>
    expect(isHashedClass(name)).toBe(false),
  );
});

describe('describeStepTarget', () => {
  it('keeps role, name, text, test id, other data-*, a stable id and a selector free of hashed classes', () => {
    const document = page(`<div class="toolbar"><h1>Contacts</h1>
      <button id="new-contact" class="css-1x2y3z sc-bdVaJa btn-primary" data-testid="new-contact" data-track="toolbar" data-reactid="1234">New  contact</button></div>`);
    const target = describeStepTarget(one(document, 'button'));
    expect(target).toMatchObject({
      tag: 'button',
      role: 'button',
      name: 'New contact',
      text: 'New contact',
      testId: 'new-contact',
      id: 'new-contact',
      dataAttributes: { 'data-track': 'toolbar' },
      siblingIndex: 1,
      siblingCount: 2,
      framePath: [],
      shadowPath: [],
    });
    expect(target.selector).not.toMatch(/css-|sc-/);
    expect(document.querySelectorAll(target.selector)).toHaveLength(1);
    expect(stepTargetSchema.safeParse(target).success).toBe(true);
  });

  it('finds a field by its label (for=, wrapping, aria-labelledby) and placeholder; a generated id is left out', () => {
    const document = page(`<form>
      <label for=":r1:">Email</label><input id=":r1:" name="email" placeholder="jane@example.com">
      <label>Phone <input name="phone"></label>
      <span id="company-label">Company</span><select aria-labelledby="company-label" name="company"><option>Acme</option></select>
    </form>`);
    const email = describeStepTarget(one(document, '[name=email]'));
    expect(email).toMatchObject({ role: 'textbox', name: 'Email', label: 'Email', placeholder: 'jane@example.com', id: '' });
    expect(email.selector).not.toContain(':r1:');
    expect(describeStepTarget(one(document, '[name=phone]'))).toMatchObject({ label: 'Phone', name: 'Phone' });
    expect(describeStepTarget(one(document, 'select'))).toMatchObject({ role: 'combobox', label: 'Company', text: '' });
  });

  it('never keeps what was typed: field values, an editable region, a data attribute mirroring the value', () => {
    const SENTINEL = 'SENTINEL-7Q2-typed';
    const document =
      page(`<label for="note">Note</label><input id="note" value="${SENTINEL}" data-value="${SENTINEL}" data-kind="note">
      <textarea aria-label="Message">${SENTINEL}</textarea>
      <div contenteditable="true" aria-label="Reply"><p>${SENTINEL}</p></div>
      <div role="textbox" title="Comment">${SENTINEL}</div>
      <select name="pick"><option selected>${SENTINEL}</option></select>`);
    (one(document, '#note') as HTMLInputElement).value = SENTINEL;
    const targets = ['#note', 'textarea', '[contenteditable]', '[role=textbox]', 'select', '[contenteditable] p'].map(
      (selector) => describeStepTarget(one(document, selector)),
    );
    for (const target of targets) expect(JSON.stringify(target)).not.toContain(SENTINEL);
    expect(targets[0]).toMatchObject({ name: 'Note', dataAttributes: { 'data-kind': 'note' } });
    expect(targets[2]).toMatchObject({ name: 'Reply', text: '' });
    expect(targets[3]).toMatchObject({ name: 'Comment', text: '' });
  });

  it('cuts every string to the schema, whatever the page puts in its attributes', () => {
    const huge = 'x'.repeat(1_000_000);
    const document = page(
      `<button id="${huge}" aria-label="${huge}" data-testid="${huge}" placeholder="${huge}" ${Array.from(
        { length: 30 },
        (_, index) => `data-a${'b'.repeat(index * 10)}="${huge}"`,
      ).join(' ')}>${huge}</button>`,
    );
    const target = describeStepTarget(one(document, 'button'));
    expect(stepTargetSchema.safeParse(target).success).toBe(true);
    expect(target.name.length).toBeLessThanOrEqual(WALKTHROUGH_LIMITS.word);
    expect(target.id).toBe('');
    expect(target.selector.length).toBeLessThanOrEqual(WALKTHROUGH_LIMITS.selector);
  });

  it('records the shadow hosts from the document down, and the selector within the shadow root', () => {
    const document = page('<main><acme-panel id="panel"></acme-panel></main>');
    const outer = one(document, 'acme-panel').attachShadow({ mode: 'open' });
    outer.innerHTML = '<section><acme-form class="form"></acme-form></section>';
    const inner = one(outer, 'acme-form').attachShadow({ mode: 'open' });
    inner.innerHTML = '<button data-action="save">Save</button><button>Cancel</button>';
    const target = describeStepTarget(one(inner, '[data-action=save]'));
    expect(target.shadowPath).toHaveLength(2);
    expect(one(document, target.shadowPath[0]!)).toBe(one(document, 'acme-panel'));
    expect(one(outer, target.shadowPath[1]!)).toBe(one(outer, 'acme-form'));
    expect(one(inner, target.selector)).toBe(one(inner, '[data-action=save]'));
  });

  it('records the same-origin frames from the top down', () => {
    const top = page('<main><iframe name="editor" src="about:blank"></iframe></main>');
    const { document: inner } = parseHTML('<html><body><button id="send">Send</button></body></html>');
    // linkedom's documents share one window: the inner one gets a view of its own, inside the frame.
    Object.defineProperty(inner, 'defaultView', { value: { frameElement: one(top, 'iframe') }, configurable: true });
    const target = describeStepTarget(one(inner, '#send'));
    expect(target.framePath).toHaveLength(1);
    expect(one(top, target.framePath[0]!)).toBe(one(top, 'iframe'));
  });
});

describe('stepElementFor', () => {
  it('describes what the person acted on, not the icon or the text they clicked inside it', () => {
    const document = page(`<button id="save"><svg><path id="icon"></path></svg><span id="word">Save</span></button>
      <a href="/reports" id="reports"><b id="bold">Reports</b></a>
      <div role="menuitem" id="item"><span id="inner">Export</span></div>
      <p id="plain">Just text</p>`);
    expect(stepElementFor(one(document, '#icon')).id).toBe('save');
    expect(stepElementFor(one(document, '#word')).id).toBe('save');
    expect(stepElementFor(one(document, '#bold')).id).toBe('reports');
    expect(stepElementFor(one(document, '#inner')).id).toBe('item');
    expect(stepElementFor(one(document, '#plain')).id).toBe('plain');
  });
});
