/**
 * What a walkthrough step keeps of the element the helper used: several independent ways
 * of finding it again on someone else's copy of the page (role and name, label, placeholder,
 * visible text, test id, other data-* attributes, a stable id, a CSS selector, its place
 * among its siblings and on the page, the frames and shadow roots it sits in).
 *
 * Never a typed value: fields give no text, an editable region gives no name from its
 * content, and a data-* attribute that repeats the field's value is left out.
 *
 * Pure DOM code that runs in the recorder (injected into the page) and in tests on a DOM
 * without layout: it reads the element through its own document and window, and every
 * string is cut to the schema's limits, whatever the page puts in its attributes.
 */
import { finder, attr as finderAttr } from '@medv/finder';
import { accessibleName, cssPath, labelText, roleOf, truncate, visibleText } from '@/lib/capture/element-description';
import { isGeneratedId, isHashedClass, TEST_ID_ATTRIBUTES } from './generated';
// The limits alone, not the schemas: the recorder injected into pages must not carry zod.
import { WALKTHROUGH_LIMITS as L } from './limits';
import type { StepTarget } from './schema';

/** Roles whose content is what the person typed: never a name or a text for them. */
const EDITABLE_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);
const FIELDS = new Set(['input', 'select', 'textarea']);

export function describeStepTarget(element: Element): StepTarget {
  const parent = element.parentElement ?? (element.parentNode as ParentNode | null);
  const siblings = parent ? Array.from(parent.children) : [element];
  const testIdAttribute = TEST_ID_ATTRIBUTES.find((name) => element.hasAttribute(name));
  return {
    ...identityOf(element),
    dataAttributes: otherDataAttributes(element, testIdAttribute),
    selector: selectorOf(element),
    siblingIndex: Math.max(0, Math.min(100_000, siblings.indexOf(element))),
    siblingCount: Math.max(1, Math.min(100_000, siblings.length)),
    place: placeOf(element),
    framePath: framePathOf(element),
    shadowPath: shadowPathOf(element),
  };
}

/** What a person acts on: a click on the icon inside a button is a click on the button. */
const ACTIONABLE = [
  'a[href]',
  'button',
  'input',
  'select',
  'textarea',
  'summary',
  ...[
    'button',
    'link',
    'menuitem',
    'menuitemcheckbox',
    'menuitemradio',
    'option',
    'tab',
    'checkbox',
    'radio',
    'switch',
    'textbox',
    'combobox',
    'searchbox',
    'slider',
    'spinbutton',
    'treeitem',
  ].map((role) => `[role="${role}"]`),
  '[contenteditable=""]',
  '[contenteditable="true"]',
].join(', ');

/**
 * The element a step should describe for what the person clicked (an event's target): the
 * nearest actionable ancestor (button, link, field, a widget's role), a label's control, else
 * the element itself. For the recorder, before `describeStepTarget`.
 */
export function stepElementFor(clicked: Element): Element {
  const actionable = clicked.closest(ACTIONABLE);
  if (actionable) return actionable;
  const label = clicked.closest('label');
  const control = (label as { control?: Element | null } | null)?.control;
  return control ?? clicked;
}

/** What the element says about itself, cheap to read: the resolver reads it of every candidate. */
export type TargetIdentity = Pick<StepTarget, 'tag' | 'role' | 'name' | 'label' | 'placeholder' | 'text' | 'testId' | 'id'>;

export function identityOf(element: Element): TargetIdentity {
  const role = roleOf(element);
  const editable = isEditable(element, role);
  const testIdAttribute = TEST_ID_ATTRIBUTES.find((name) => element.hasAttribute(name));
  return {
    tag: truncate(element.localName || element.tagName.toLowerCase(), 60) || 'unknown',
    role: clip(role, L.word),
    name: clip(editable ? editableName(element) : accessibleName(element), L.word),
    label: clip(labelText(element), L.word),
    placeholder: clip(element.getAttribute('placeholder') ?? element.getAttribute('aria-placeholder') ?? '', L.word),
    text: editable ? '' : clip(visibleText(element), L.word),
    testId: clip(testIdAttribute ? (element.getAttribute(testIdAttribute) ?? '') : '', L.word),
    id: element.id && !isGeneratedId(element.id) ? clip(element.id, L.id) : '',
  };
}

/** A field, a contenteditable region or a widget playing a textbox: what it holds is the person's. */
function isEditable(element: Element, role: string): boolean {
  if (FIELDS.has(element.localName) || EDITABLE_ROLES.has(role)) return true;
  const editable = (element.getAttribute('contenteditable') ?? 'false').toLowerCase();
  if (editable === '' || editable === 'true' || editable === 'plaintext-only') return true;
  return !!element.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]');
}

/** A name for an editable element that never reads its content. */
function editableName(element: Element): string {
  if (FIELDS.has(element.localName)) return accessibleName(element);
  return (
    labelText(element) ||
    collapse(element.getAttribute('aria-label') ?? '') ||
    collapse(element.getAttribute('title') ?? '') ||
    collapse(element.getAttribute('aria-placeholder') ?? '')
  );
}

function otherDataAttributes(element: Element, testIdAttribute: string | undefined): Record<string, string> {
  const value = (element as { value?: unknown }).value;
  const typed = typeof value === 'string' && value !== '' ? value : null;
  const result: Record<string, string> = {};
  let count = 0;
  for (const attribute of Array.from(element.attributes)) {
    if (count >= L.dataAttributes) break;
    const name = attribute.name.toLowerCase();
    if (!/^data-[a-z0-9_.-]+$/.test(name) || name.length > L.dataName || name === testIdAttribute) continue;
    // Widgets mirror what was typed into data-value and the like: never kept.
    if (typed !== null && attribute.value.includes(typed)) continue;
    if (attribute.value.length > L.dataValue || isGeneratedId(attribute.value)) continue;
    result[name] = attribute.value;
    count++;
  }
  return result;
}

// ————— Selector —————

/**
 * A unique selector within the element's root (document or shadow root) from @medv/finder,
 * kept from what a build makes up (hashed classes, generated ids) and from words a
 * translation changes (aria-label, title), so that it still matches on a re-styled or
 * translated page. Where finder cannot run (no `CSS.escape`, a timeout), the capture's
 * own path of tags and positions. A link keeps its href when it is a plain path (`/reports`):
 * it names the destination in every language.
 */
function selectorOf(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  let selector = '';
  try {
    selector = finder(element, {
      // finder walks up to its root and queries it: a shadow root queries like a document.
      root: root as unknown as Element,
      idName: (id) => !isGeneratedId(id),
      className: (name) => !isHashedClass(name) && /^[a-z][\w-]*$/i.test(name),
      attr: (name, value) =>
        ((TEST_ID_ATTRIBUTES as readonly string[]).includes(name) && value.length < 100 && !isGeneratedId(value)) ||
        (name === 'href' && isPlainPath(value)) ||
        (name !== 'aria-label' && name !== 'href' && finderAttr(name, value)),
      timeoutMs: 100,
      seedMinLength: 2,
      optimizedMinLength: 2,
      maxNumberOfPathChecks: 2_000,
    });
  } catch {
    selector = '';
  }
  if (!selector || selector.length > L.selector) selector = cssPath(element);
  return selector.length <= L.selector ? selector : '';
}

/** `/reports`, `/settings/team`: words only, no id, no query, nothing a session makes up. */
function isPlainPath(value: string): boolean {
  return value.length <= 100 && /^\/?[a-z][a-z-]*(\/[a-z][a-z-]*)*\/?$/i.test(value);
}

/** Selectors of the shadow hosts from the element's document down to its own shadow root. */
function shadowPathOf(element: Element): string[] {
  const path: string[] = [];
  let root = element.getRootNode() as Node;
  while (root.nodeType === 11 && (root as ShadowRoot).host) {
    const host = (root as ShadowRoot).host;
    path.unshift(selectorOf(host));
    root = host.getRootNode();
  }
  return path.slice(-L.pathDepth);
}

/** Selectors of the same-origin frames from the top document down to the element's document. */
function framePathOf(element: Element): string[] {
  const path: string[] = [];
  let view = element.ownerDocument?.defaultView ?? null;
  for (let depth = 0; view && depth < 32; depth++) {
    let frame: Element | null = null;
    try {
      frame = view.frameElement;
    } catch {
      frame = null; // a cross-origin parent: the path starts here
    }
    if (!frame) break;
    path.unshift(selectorOf(frame));
    view = frame.ownerDocument?.defaultView ?? null;
  }
  return path.slice(-L.pathDepth);
}

// ————— Place —————

/** The element's box as fractions of its document's scrollable size (0 on a DOM without layout). */
export function placeOf(element: Element): StepTarget['place'] {
  const none = { x: 0, y: 0, width: 0, height: 0 };
  const document = element.ownerDocument;
  const view = document?.defaultView;
  const box = element.getBoundingClientRect?.();
  const scroller = document?.scrollingElement ?? document?.documentElement;
  if (!view || !box || !scroller) return none;
  const width = Math.max(scroller.scrollWidth, view.innerWidth || 0);
  const height = Math.max(scroller.scrollHeight, view.innerHeight || 0);
  if (!(width > 0 && height > 0)) return none;
  const fraction = (value: number, size: number) => {
    const result = value / size;
    return Number.isFinite(result) ? Math.min(1, Math.max(0, result)) : 0;
  };
  return {
    x: fraction(box.left + (view.scrollX || 0), width),
    y: fraction(box.top + (view.scrollY || 0), height),
    width: fraction(box.width, width),
    height: fraction(box.height, height),
  };
}

// ————— Text —————

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return truncate(collapse(text), max);
}
