/**
 * Which gestures become steps, on a DOM without layout (linkedom, as the element description's
 * tests); the real recorder in real Chromium is tests/e2e/walkthrough-record.spec.ts.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { gestureOfChange, gestureOfClick, isSensitiveField, labelledControl } from '@/lib/walkthrough/recorder-fields';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import { makeStep } from '@/lib/walkthrough/recorder-step';
import { speak } from '../helpers/i18n';

const SENTINEL = 'SENTINEL-7f3a-never-recorded';

function page(body: string): Document {
  return parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document;
}
const $ = (document: Document, selector: string) => document.querySelector(selector)!;

describe('a click', () => {
  it('is a click step on the control around what was hit', () => {
    const document = page('<button id="save"><svg><path/></svg><span>Save</span></button>');
    const gesture = gestureOfClick($(document, 'span'));
    expect(gesture).toMatchObject({ action: 'click', choice: '' });
    expect(gesture?.element).toBe($(document, '#save'));
  });

  it('on a list option is a choice', () => {
    const document = page('<ul role="listbox"><li role="option">Connections only</li></ul>');
    expect(gestureOfClick($(document, 'li'))).toMatchObject({ action: 'choose', choice: 'Connections only' });
  });

  it('into a field, or on a select, gives no click step: typing and choosing are recorded instead', () => {
    const document = page(
      '<input id="n"><textarea></textarea><div contenteditable="true">x</div><select><option>A</option></select>',
    );
    for (const selector of ['input', 'textarea', 'div', 'select', 'option'])
      expect(gestureOfClick($(document, selector))).toBeNull();
  });

  it('on the label of a box to tick is a click, and says which field the browser clicks next (not to count it twice)', () => {
    const document = page('<label for="terms">I agree</label><input type="checkbox" id="terms">');
    expect(gestureOfClick($(document, 'label'))).toMatchObject({ action: 'click' });
    expect(labelledControl($(document, 'label'))).toBe($(document, '#terms'));
  });
});

describe('typing', () => {
  it('is a type step whose every field is free of the typed value', () => {
    speak('en');
    const document = page(`<label for="email">E-mail address</label><input id="email" name="email" value="${SENTINEL}">`);
    const field = $(document, '#email') as HTMLInputElement;
    field.value = SENTINEL;
    const gesture = gestureOfChange(field);
    expect(gesture).toMatchObject({ action: 'type', choice: '' });
    const step = makeStep({ ...gesture!, target: describeStepTarget(gesture!.element), url: 'https://app.acme.com/signup' });
    expect(step.caption).toBe('Type your E-mail address');
    expect(JSON.stringify(step)).not.toContain(SENTINEL);
  });

  it('speaks the helper’s language', () => {
    speak('fr');
    const document = page('<label for="n">Nom du client</label><input id="n">');
    const gesture = gestureOfChange($(document, '#n'))!;
    expect(makeStep({ ...gesture, target: describeStepTarget(gesture.element), url: 'https://a.example/' }).caption).toBe(
      'Remplissez «\u202fNom du client\u202f»',
    );
    speak('en');
  });
});

describe('password and payment fields', () => {
  const cases = [
    '<input type="password" id="f">',
    '<input autocomplete="cc-number" id="f">',
    '<input autocomplete="billing cc-csc" id="f">',
    '<input autocomplete="one-time-code" id="f">',
    '<label for="f">Card number</label><input id="f">',
    '<label>CVC <input id="f"></label>',
    '<input name="iban" id="f">',
    '<input placeholder="Numéro de carte" id="f">',
    '<span id="l">Mot de passe</span><input aria-labelledby="l" id="f">',
    '<input id="f" name="userPassword">',
  ];

  it.each(cases)('give neither a click nor a type step: %s', (html) => {
    const field = $(page(html), '#f');
    expect(isSensitiveField(field)).toBe(true);
    expect(gestureOfClick(field)).toBeNull();
    expect(gestureOfChange(field)).toBeNull();
  });

  it('do not take ordinary fields for secret ones', () => {
    const document = page(
      '<input id="a" name="company"><input id="b" name="passport-office" placeholder="Office"><button id="c">Pay now</button>',
    );
    for (const id of ['#a', '#b', '#c']) expect(isSensitiveField($(document, id))).toBe(false);
  });
});

describe('a select', () => {
  it('is a choice of the option shown, with its label', () => {
    speak('en');
    const document = page(
      '<label for="v">Who can see it</label><select id="v"><option value="1">Anyone</option><option value="2" selected>Connections only</option></select>',
    );
    const gesture = gestureOfChange($(document, '#v'))!;
    expect(gesture).toMatchObject({ action: 'choose', choice: 'Connections only' });
    expect(makeStep({ ...gesture, target: describeStepTarget(gesture.element), url: 'https://a.example/' }).caption).toBe(
      'Choose “Connections only” in “Who can see it”',
    );
  });
});
