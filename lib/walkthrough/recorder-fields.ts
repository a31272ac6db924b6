/**
 * Which of the helper's gestures become steps, decided from the element alone (no layout, no
 * value): a click on something one can name is a `click`; typing into a field is one `type`
 * step, whose value is never read; a select or a list option is `choose`. Password and payment
 * fields are skipped entirely: not even "type your card number" is kept.
 */
import { stepElementFor } from './describe';
import type { StepAction } from './schema';

/** Input types whose content is typed (the others are buttons, boxes to tick, pickers). */
const TYPED_INPUTS = new Set([
  '',
  'text',
  'search',
  'email',
  'tel',
  'url',
  'number',
  'password',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
]);

/** autocomplete tokens of secrets and payment details (WHATWG autofill field names). */
const SECRET_AUTOCOMPLETE = /(^|\s)(cc-[a-z-]+|current-password|new-password|one-time-code|transaction-amount)(\s|$)/i;

/** Names, ids, labels and placeholders of secret or payment fields, in English and French. */
const SECRET_WORDS =
  /pass(word|code|wd)|\bpass\b|mot de passe|\bpin\b|card.?(number|no|num)|credit.?card|carte (bancaire|de cr[ée]dit)|num[ée]ro de carte|\bcc.?(num|number|no)\b|\bcvc|\bcvv|\bcsc\b|security.?code|code de s[ée]curit[ée]|cryptogramme|expir|\biban\b|\bbic\b|\bswift\b|sort.?code|routing.?number|account.?number|num[ée]ro de compte|\brib\b/i;

export function isTextEntry(element: Element): boolean {
  const tag = element.localName;
  if (tag === 'textarea') return true;
  if (tag === 'input') return TYPED_INPUTS.has((element.getAttribute('type') ?? '').toLowerCase());
  return isEditable(element);
}

function isEditable(element: Element): boolean {
  const editable = element.getAttribute('contenteditable');
  return editable === '' || editable === 'true' || editable === 'plaintext-only';
}

/** Words that describe a field, from its own attributes and its labels (never its value). */
function describingWords(element: Element): string {
  const words = [
    element.getAttribute('name'),
    element.id,
    element.getAttribute('placeholder'),
    element.getAttribute('aria-label'),
    element.getAttribute('autocomplete'),
    element.getAttribute('data-testid'),
  ];
  for (const label of labelsOf(element)) words.push(label.textContent);
  const labelledBy = element.getAttribute('aria-labelledby');
  const root = element.getRootNode() as Document | ShadowRoot;
  if (labelledBy && typeof root.getElementById === 'function') {
    for (const id of labelledBy.split(/\s+/)) words.push(root.getElementById(id)?.textContent ?? '');
  }
  return words.filter(Boolean).join(' ').slice(0, 2000);
}

/** A password, a one-time code, or a payment detail: no step at all, for a click or for typing. */
export function isSensitiveField(element: Element): boolean {
  const tag = element.localName;
  if (tag !== 'input' && tag !== 'textarea' && tag !== 'select' && !isEditable(element)) return false;
  if ((element.getAttribute('type') ?? '').toLowerCase() === 'password') return true;
  if (SECRET_AUTOCOMPLETE.test(element.getAttribute('autocomplete') ?? '')) return true;
  return SECRET_WORDS.test(describingWords(element));
}

export interface RecordedGesture {
  action: StepAction;
  element: Element;
  /** For `choose`: the visible text of the option chosen ('' otherwise). */
  choice: string;
}

/**
 * The control a click is about: what a click lands on is often an icon or a span inside it
 * (`stepElementFor`, shared with the resolver's idea of what a step points at), a label's field.
 */
export function controlOf(hit: Element): Element {
  return stepElementFor(hit);
}

/** A field's <label> elements: the browser's list, else (on a DOM without it) the wrapping label and those `for` it. */
function labelsOf(element: Element): Element[] {
  const native = (element as HTMLInputElement).labels;
  if (native) return Array.from(native);
  const found: Element[] = [];
  const wrapping = element.closest('label');
  if (wrapping) found.push(wrapping);
  const root = element.getRootNode() as Document | ShadowRoot;
  if (element.id && typeof root.querySelectorAll === 'function') {
    for (const label of Array.from(root.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === element.id && label !== wrapping) found.push(label);
    }
  }
  return found;
}

/** The field a label click is for: its own click reaches the field again, and must not count twice. */
export function labelledControl(element: Element): Element | null {
  if (element.localName !== 'label') return null;
  const native = (element as HTMLLabelElement).control;
  if (native !== undefined) return native;
  const target = element.getAttribute('for');
  const root = element.getRootNode() as Document | ShadowRoot;
  if (target) return typeof root.getElementById === 'function' ? root.getElementById(target) : null;
  return element.querySelector('input, select, textarea, button, meter, output, progress');
}

/** The options a select shows as chosen: what the person picked, not the value sent with the form. */
function chosenOptions(select: Element): Element[] {
  const native = (select as HTMLSelectElement).selectedOptions;
  if (native) return Array.from(native);
  return Array.from(select.querySelectorAll('option')).filter((option) => option.hasAttribute('selected'));
}

/**
 * A click: null for what is recorded another way (typing into a field, a select's change) or
 * not at all (a secret field, a label of one).
 */
export function gestureOfClick(hit: Element): RecordedGesture | null {
  const element = controlOf(hit);
  const field = labelledControl(element) ?? element;
  if (isSensitiveField(field)) return null;
  if (isTextEntry(field) || field.localName === 'select' || field.localName === 'option') return null;
  const role = (element.getAttribute('role') ?? '').toLowerCase();
  if (role === 'option') return { action: 'choose', element, choice: textOf(element) };
  return { action: 'click', element, choice: '' };
}

/** A field's `change` (or the end of typing into an editable region). */
export function gestureOfChange(element: Element): RecordedGesture | null {
  if (isSensitiveField(element)) return null;
  if (element.localName === 'select') {
    return { action: 'choose', element, choice: chosenOptions(element).map(textOf).join(', ') };
  }
  if (isTextEntry(element)) return { action: 'type', element, choice: '' };
  return null;
}

/** An option's label as shown (for a select, the label, not the value sent with the form). */
function textOf(element: Element): string {
  return (element.getAttribute('aria-label') || element.getAttribute('label') || element.textContent || '')
    .replace(/\s+/g, ' ')
    .trim();
}
