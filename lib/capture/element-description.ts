/**
 * A description of the element a person pointed at, robust enough for their buddy to find
 * it again on their own copy of the page: accessible role and name (what a person would
 * call it), visible text, id and data attributes, and a CSS path.
 *
 * Runs in the picker (a content script) and in tests on a DOM without layout, so it reads
 * the element through its own document and window (no globals, no `instanceof`), and
 * falls back when layout (getComputedStyle, innerText, getBoundingClientRect) is missing.
 *
 * The description travels inside encrypted payloads: the receiver validates it with
 * `elementDescriptionSchema`, whose limits match the ones applied here.
 */
import { z } from 'zod';

export const LIMITS = {
  role: 40,
  name: 120,
  text: 200,
  id: 200,
  tag: 60,
  dataAttributes: 10,
  dataName: 100,
  dataValue: 100,
  cssPathLevels: 10,
  cssPath: 2000,
} as const;

const rectSchema = () =>
  z.object({
    x: z.number().finite(),
    y: z.number().finite(),
    width: z.number().finite().min(0),
    height: z.number().finite().min(0),
  });

// Built in a function marked pure so that the picker, which only describes, does not carry zod.
export const elementDescriptionSchema = /* @__PURE__ */ (() =>
  z.object({
    /** ARIA role: the explicit `role` attribute, else the element's implicit role ('' when none). */
    role: z.string().max(LIMITS.role),
    /** Accessible name, whitespace collapsed ('' when none). */
    name: z.string().max(LIMITS.name),
    /** Visible text, whitespace collapsed. Never the value typed in a field. */
    text: z.string().max(LIMITS.text),
    id: z.string().max(LIMITS.id),
    /** `data-*` attributes by full attribute name (`data-testid`), at most 10. */
    dataAttributes: z
      .record(
        z
          .string()
          .regex(/^data-/)
          .max(LIMITS.dataName),
        z.string().max(LIMITS.dataValue),
      )
      .refine((attributes) => Object.keys(attributes).length <= LIMITS.dataAttributes, {
        message: `At most ${LIMITS.dataAttributes} data attributes`,
      }),
    /** A selector that matched this element alone in its document when it was picked. */
    cssPath: z.string().max(LIMITS.cssPath),
    /** Lower-case local name: `button`, `td`, `svg`. */
    tag: z.string().min(1).max(LIMITS.tag),
    /** Border box in CSS pixels relative to the viewport at the time of the pick. */
    rect: rectSchema(),
    devicePixelRatio: z.number().finite().positive().max(20),
    /**
     * The viewport (innerWidth × innerHeight, CSS pixels) at the time of the pick: a visible-tab
     * screenshot is this area, so `rect` scales to it by `image.width / viewport.width`.
     */
    viewport: z.object({ width: z.number().finite().positive(), height: z.number().finite().positive() }).optional(),
  }))();

export type ElementDescription = z.infer<typeof elementDescriptionSchema>;

/** A view with the parts of `window` this module reads; all optional on a DOM without layout. */
interface ViewLike {
  getComputedStyle?(element: Element): { display: string; visibility: string; contentVisibility?: string };
  devicePixelRatio?: number;
  innerWidth?: number;
  innerHeight?: number;
}

export function describeElement(element: Element): ElementDescription {
  const view = (element.ownerDocument?.defaultView ?? null) as ViewLike | null;
  const box = element.getBoundingClientRect?.();
  const tag = truncate(element.localName || element.tagName.toLowerCase(), LIMITS.tag) || 'unknown';
  const description: ElementDescription = {
    role: truncate(roleOf(element), LIMITS.role),
    name: truncate(accessibleName(element), LIMITS.name),
    text: truncate(visibleText(element), LIMITS.text),
    id: truncate(element.id ?? '', LIMITS.id),
    dataAttributes: dataAttributes(element),
    cssPath: cssPath(element),
    tag,
    rect: {
      x: finite(box?.x ?? box?.left),
      y: finite(box?.y ?? box?.top),
      width: Math.max(0, finite(box?.width)),
      height: Math.max(0, finite(box?.height)),
    },
    devicePixelRatio: positive(view?.devicePixelRatio, 1),
  };
  if (view?.innerWidth && view.innerHeight && view.innerWidth > 0 && view.innerHeight > 0) {
    description.viewport = { width: view.innerWidth, height: view.innerHeight };
  }
  return description;
}

// ————— Role —————

const INPUT_ROLES: Record<string, string> = {
  button: 'button',
  submit: 'button',
  reset: 'button',
  image: 'button',
  checkbox: 'checkbox',
  radio: 'radio',
  range: 'slider',
  number: 'spinbutton',
  search: 'searchbox',
  email: 'textbox',
  tel: 'textbox',
  text: 'textbox',
  url: 'textbox',
  password: 'textbox',
};

const SIMPLE_ROLES: Record<string, string> = {
  address: 'group',
  article: 'article',
  aside: 'complementary',
  blockquote: 'blockquote',
  button: 'button',
  caption: 'caption',
  code: 'code',
  datalist: 'listbox',
  dd: 'definition',
  details: 'group',
  dfn: 'term',
  dialog: 'dialog',
  dt: 'term',
  fieldset: 'group',
  figure: 'figure',
  form: 'form',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  hr: 'separator',
  li: 'listitem',
  main: 'main',
  math: 'math',
  menu: 'list',
  meter: 'meter',
  nav: 'navigation',
  ol: 'list',
  optgroup: 'group',
  option: 'option',
  output: 'status',
  p: 'paragraph',
  progress: 'progressbar',
  search: 'search',
  summary: 'button',
  table: 'table',
  tbody: 'rowgroup',
  td: 'cell',
  textarea: 'textbox',
  tfoot: 'rowgroup',
  thead: 'rowgroup',
  tr: 'row',
  ul: 'list',
};

/** Sectioning elements inside which header and footer lose their landmark role. */
const SECTIONING = 'article, aside, main, nav, section';

export function roleOf(element: Element): string {
  const explicit = (element.getAttribute('role') ?? '').trim().toLowerCase().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = element.localName;
  switch (tag) {
    case 'a':
    case 'area':
      return element.hasAttribute('href') ? 'link' : tag === 'a' ? 'generic' : '';
    case 'input': {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'hidden') return '';
      if (element.hasAttribute('list') && ['text', 'search', 'email', 'tel', 'url'].includes(type)) return 'combobox';
      return INPUT_ROLES[type] ?? (type === 'file' || type === 'color' ? 'button' : 'textbox');
    }
    case 'select': {
      const size = Number(element.getAttribute('size') ?? '0');
      return element.hasAttribute('multiple') || size > 1 ? 'listbox' : 'combobox';
    }
    case 'img':
      return element.getAttribute('alt') === '' ? 'presentation' : 'img';
    case 'svg':
      return 'img';
    case 'th': {
      const scope = (element.getAttribute('scope') ?? '').toLowerCase();
      return scope === 'row' || scope === 'rowgroup' ? 'rowheader' : 'columnheader';
    }
    case 'header':
      return element.parentElement?.closest(SECTIONING) ? 'generic' : 'banner';
    case 'footer':
      return element.parentElement?.closest(SECTIONING) ? 'generic' : 'contentinfo';
    case 'section':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : 'generic';
    default:
      return SIMPLE_ROLES[tag] ?? '';
  }
}

// ————— Name —————

const LABELABLE = new Set(['input', 'select', 'textarea', 'meter', 'output', 'progress', 'button']);
const NEVER_TEXT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);
/** Fields whose content is what the person typed or chose: never named or described by it. */
const FIELDS = new Set(['input', 'select', 'textarea']);

export function accessibleName(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;

  const labelledBy = labelledByText(element, root);
  if (labelledBy) return labelledBy;

  const ariaLabel = collapse(element.getAttribute('aria-label') ?? '');
  if (ariaLabel) return ariaLabel;

  const tag = element.localName;
  const type = (element.getAttribute('type') ?? '').toLowerCase();
  if (LABELABLE.has(tag) && !(tag === 'input' && type === 'hidden')) {
    const text = collapse(
      labelsOf(element, root)
        .map((label) => textOf(label, { skip: element }))
        .join(' '),
    );
    if (text) return text;
  }
  if (tag === 'input' && ['button', 'submit', 'reset'].includes(type)) {
    const value = collapse(element.getAttribute('value') ?? '');
    if (value) return value;
  }
  if (tag === 'img' || tag === 'area' || (tag === 'input' && type === 'image')) {
    const alt = collapse(element.getAttribute('alt') ?? '');
    if (alt) return alt;
  }
  if (tag === 'svg') {
    const title = Array.from(element.children).find((child) => child.localName === 'title');
    const text = title ? collapse(title.textContent ?? '') : '';
    if (text) return text;
  }
  if (tag === 'fieldset' || tag === 'table' || tag === 'figure') {
    const caption = Array.from(element.children).find((child) => ['legend', 'caption', 'figcaption'].includes(child.localName));
    const text = caption ? collapse(textOf(caption)) : '';
    if (text) return text;
  }

  const title = collapse(element.getAttribute('title') ?? '');
  if (FIELDS.has(tag)) return title || collapse(element.getAttribute('placeholder') ?? '');
  // A button or link is called by what it says; its title is only a tooltip. Other
  // elements (a div, a paragraph) are better named by their title than by all their text.
  if (NAME_FROM_CONTENT.has(roleOf(element))) return collapse(textOf(element, { limit: LIMITS.name })) || title;
  return title || collapse(textOf(element, { limit: LIMITS.name }));
}

/** Roles whose name comes from their content (WAI-ARIA 1.2, "name from: contents"). */
const NAME_FROM_CONTENT = new Set([
  'button',
  'cell',
  'checkbox',
  'columnheader',
  'gridcell',
  'heading',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'row',
  'rowheader',
  'switch',
  'tab',
  'tooltip',
  'treeitem',
]);

/**
 * What a field's own labels say: aria-labelledby targets, else its <label> elements (for=,
 * wrapping). Unlike `accessibleName`, never aria-label, title or placeholder: the walkthrough
 * recorder keeps those apart, as independent ways of finding the field again.
 */
export function labelText(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  const labelledBy = labelledByText(element, root);
  if (labelledBy) return labelledBy;
  if (!LABELABLE.has(element.localName)) return '';
  return collapse(
    labelsOf(element, root)
      .map((label) => textOf(label, { skip: element }))
      .join(' '),
  );
}

/** The text of the elements aria-labelledby points at (hidden ones count), '' when none. */
function labelledByText(element: Element, root: Document | ShadowRoot): string {
  const labelledBy = (element.getAttribute('aria-labelledby') ?? '').trim();
  if (!labelledBy) return '';
  return collapse(
    labelledBy
      .split(/\s+/)
      .map((id) => byId(root, id))
      .filter((target): target is Element => !!target)
      .map((target) => textOf(target, { includeHidden: true }))
      .join(' '),
  );
}

function labelsOf(element: Element, root: Document | ShadowRoot): Element[] {
  const native = (element as { labels?: ArrayLike<Element> | null }).labels;
  if (native && native.length > 0) return Array.from(native);
  const labels: Element[] = [];
  if (element.id) {
    for (const label of Array.from(root.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === element.id) labels.push(label);
    }
  }
  const wrapping = element.closest('label');
  if (wrapping && !labels.includes(wrapping)) labels.push(wrapping);
  return labels;
}

function byId(root: Document | ShadowRoot, id: string): Element | null {
  if ('getElementById' in root && typeof root.getElementById === 'function') return root.getElementById(id);
  return root.querySelector(`#${cssEscape(id)}`);
}

// ————— Text —————

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

interface TextOptions {
  /** Also read hidden descendants (aria-labelledby targets count even when hidden). */
  includeHidden?: boolean;
  /** A subtree left out: the control inside the label that names it. */
  skip?: Element;
  /** Stop reading once this many characters are collected. */
  limit?: number;
}

/** Text of an element as a person sees it: hidden parts and typed values left out. */
function textOf(element: Element, options: TextOptions = {}): string {
  const view = element.ownerDocument?.defaultView as ViewLike | null;
  const limit = (options.limit ?? 1000) * 2;
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    if (length > limit) return;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      parts.push(value);
      length += value.length;
      return;
    }
    if (node.nodeType !== 1) return;
    const child = node as Element;
    if (child === options.skip || NEVER_TEXT.has(child.localName)) return;
    if (!options.includeHidden && isHidden(child, view)) return;
    if (FIELDS.has(child.localName)) return;
    if (child.localName === 'img' || (child.localName === 'input' && child.getAttribute('type') === 'image')) {
      parts.push(` ${child.getAttribute('alt') ?? ''} `);
      return;
    }
    const block = BLOCKS.has(child.localName);
    if (block) parts.push(' ');
    for (const grandChild of Array.from(child.childNodes)) walk(grandChild);
    if (block) parts.push(' ');
  };
  for (const child of Array.from(element.childNodes)) walk(child);
  return collapse(parts.join(''));
}

function isHidden(element: Element, view: ViewLike | null): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (!view?.getComputedStyle) return false;
  const style = view.getComputedStyle(element);
  return style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse';
}

/** Visible text: the rendered text in a browser (innerText), else the text outside hidden parts. */
export function visibleText(element: Element): string {
  if (FIELDS.has(element.localName)) return '';
  const view = element.ownerDocument?.defaultView as ViewLike | null;
  const rendered = (element as { innerText?: unknown }).innerText;
  if (view?.getComputedStyle && element.isConnected && typeof rendered === 'string') {
    // innerText shows a field's option labels (select) but never what was typed: fine.
    return collapse(rendered.slice(0, LIMITS.text * 20));
  }
  return textOf(element, { limit: LIMITS.text });
}

// ————— Data attributes —————

function dataAttributes(element: Element): Record<string, string> {
  const result: Record<string, string> = {};
  let count = 0;
  for (const attribute of Array.from(element.attributes)) {
    if (count >= LIMITS.dataAttributes) break;
    const name = attribute.name.toLowerCase();
    if (!name.startsWith('data-') || name.length > LIMITS.dataName) continue;
    result[name] = truncate(attribute.value, LIMITS.dataValue);
    count++;
  }
  return result;
}

// ————— CSS path —————

/**
 * A selector for `element`: `tag` steps (with `:nth-of-type(n)` when a sibling has the same
 * tag) joined by `>`, from the nearest ancestor with a unique, stable-looking id (`#id > …`),
 * else from `body`. At most 10 parts: deeper, the 8 or 9 steps nearest the element hang
 * from the anchor by a descendant combinator (`#app div > ul > li:nth-of-type(3)`, or
 * `body > div:nth-of-type(2) div > …`). Inside a shadow root the path is relative to it.
 */
export function cssPath(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  const steps: string[] = [];
  let anchor: string[] = [];
  let topStep = '';
  for (let current: Element | null = element; current; current = current.parentElement) {
    const id = usableId(current, root);
    if (id) {
      anchor = [id];
      break;
    }
    if (current.localName === 'html' || current.localName === 'body') {
      anchor = [current.localName];
      break;
    }
    steps.unshift(stepOf(current));
    if (current.parentElement?.localName === 'body') topStep = steps[0]!;
  }
  const max = LIMITS.cssPathLevels;
  if (anchor.length + steps.length <= max) return limitLength([...anchor, ...steps].join(' > '));
  // Too deep: the steps nearest the element, hung from the anchor, else on their own. In a
  // long chain of single-child elements (div soup) neither may be unique: the first is kept.
  if (anchor[0] === 'body' && topStep) anchor = ['body', topStep];
  const head = anchor.join(' > ');
  const candidates = [
    `${head ? `${head} ` : ''}${steps.slice(-(max - anchor.length)).join(' > ')}`,
    steps.slice(-max).join(' > '),
  ].map(limitLength);
  const matchesAlone = (selector: string): boolean => {
    try {
      const found = root.querySelectorAll(selector);
      return found.length === 1 && found[0] === element;
    } catch {
      return false;
    }
  };
  return candidates.find(matchesAlone) ?? candidates[0]!;
}

function limitLength(path: string): string {
  return path.length <= LIMITS.cssPath ? path : path.slice(path.length - LIMITS.cssPath).replace(/^[^>]*>\s*/, '');
}

function stepOf(element: Element): string {
  const tag = cssEscape(element.localName);
  const parent = element.parentElement ?? element.parentNode;
  if (!parent) return tag;
  let index = 0;
  let sameTag = 0;
  for (const sibling of Array.from(parent.children)) {
    if (sibling.localName !== element.localName) continue;
    sameTag++;
    if (sibling === element) index = sameTag;
  }
  return sameTag > 1 ? `${tag}:nth-of-type(${index})` : tag;
}

/** `#id` when the id is unique in its root and does not look generated by a framework. */
function usableId(element: Element, root: Document | ShadowRoot): string | null {
  const id = element.id;
  if (!id || id.length > 100 || looksGenerated(id)) return null;
  const selector = `#${cssEscape(id)}`;
  try {
    return root.querySelectorAll(selector).length === 1 ? selector : null;
  } catch {
    return null;
  }
}

/** Ids such as `:r1:`, `ember1234`, `a1b2c3d4-…` change from one load to the next. */
function looksGenerated(id: string): boolean {
  return /^:|\d{4,}|[0-9a-f]{8}-[0-9a-f]{4}/i.test(id);
}

/** CSS.escape, written out: the picker and the tests run where `CSS` may not exist. */
export function cssEscape(value: string): string {
  let result = '';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const char = value.charAt(index);
    if (code === 0) result += '\uFFFD';
    else if ((code >= 0x1 && code <= 0x1f) || code === 0x7f) result += `\\${code.toString(16)} `;
    else if (index === 0 && code >= 0x30 && code <= 0x39) result += `\\${code.toString(16)} `;
    else if (index === 1 && code >= 0x30 && code <= 0x39 && value.charCodeAt(0) === 0x2d) result += `\\${code.toString(16)} `;
    else if (index === 0 && value.length === 1 && code === 0x2d) result += `\\${char}`;
    else if (code >= 0x80 || code === 0x2d || code === 0x5f || /[0-9A-Za-z]/.test(char)) result += char;
    else result += `\\${char}`;
  }
  return result;
}

// ————— Helpers —————

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts to `max` UTF-16 units (the unit zod's max counts), with an ellipsis, never inside a pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function finite(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, 20) : fallback;
}
