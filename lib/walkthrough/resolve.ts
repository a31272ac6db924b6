/**
 * Finds a step's element again on the asker's own copy of the page, which is rarely the
 * helper's: classes re-hashed by a new build, a button renamed, the interface in another
 * language, the element moved, inside a shadow root or a frame, or gone.
 *
 * Each strategy of the step (test id, stable id, data-* attributes, the CSS selector,
 * placeholder, tag and role) proposes candidates in every open root of the page (the
 * document, its open shadow roots, its same-origin frames); each candidate is then scored
 * on everything the step knows. Role and accessible name weigh most, test id and stable id
 * are strong (and so is a selector that names an attribute and matches one element), label,
 * placeholder and text next, a selector of tags and positions less, sibling position and
 * place least. A translated page keeps its structure, not its words, so role plus structural
 * agreement is enough to be sure, and no word disagreeing is held against a candidate.
 *
 * "sure" only when the best is above a threshold, has at least one anchor (an identity or
 * structure match, not only a role and a place) and is clearly ahead of the second: two
 * look-alikes are never sure, the player asks "Is this it?" instead.
 *
 * The step comes from a peer and is hostile until proven otherwise: its selectors are only
 * passed to querySelectorAll, length-capped and inside try/catch; its words only compared.
 */
import { cssEscape } from '@/lib/capture/element-description';
import { foldText } from '@/lib/db/text';
import { isGeneratedId, TEST_ID_ATTRIBUTES } from './generated';
import { identityOf, placeOf, type TargetIdentity } from './describe';
import { type StepTarget, WALKTHROUGH_LIMITS as L } from './schema';

export type Resolution =
  | { kind: 'sure'; element: Element; score: number }
  | { kind: 'unsure'; element: Element; score: number }
  | { kind: 'missing' };

/** Points, not a probability: see `scoreCandidate` for what each agreement is worth. */
export const RESOLVER_THRESHOLDS = {
  /** At least this many points to be sure… */
  sure: 8,
  /** …and this many points ahead of the second best. */
  margin: 3,
  /** Below this the element is "missing": nothing worth asking about. */
  unsure: 4.5,
} as const;

/** Candidates read per root by tag and role: a huge page is sampled, never read whole. */
const POOL_PER_ROOT = 2_000;
/** Open roots visited (document, shadow roots, frames): enough for any real app. */
const MAX_ROOTS = 400;

export interface ScoredCandidate {
  element: Element;
  score: number;
  /** How many anchors agreed (test id, stable id, name, label, placeholder, data-*, a selector naming something). */
  anchors: number;
  /** Some words in common with the name, label, placeholder or text, short of the same words: a rename. */
  wordsOverlap: boolean;
  roleAgrees: boolean;
}

export function resolveStepTarget(target: StepTarget, root: Document): Resolution {
  return decide(rankStepTarget(target, root));
}

/** Every candidate with its score, best first: the resolver's working, for tests and the benchmark. */
export function rankStepTarget(target: StepTarget, root: Document): ScoredCandidate[] {
  const expected = expectedRoot(target, root);
  const roots = openRoots(root);
  const scored: ScoredCandidate[] = [];
  for (const scope of roots) {
    const selectorHits = safeQueryAll(scope, target.selector);
    for (const element of candidatesIn(scope, target, selectorHits)) {
      if (!isShown(element)) continue;
      scored.push(scoreCandidate(target, element, { selectorHits, inExpectedRoot: scope === expected }));
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}

export function decide(ranked: readonly ScoredCandidate[]): Resolution {
  const [best, second] = ranked;
  // A role and a place alone are not a guess worth asking about: something must name it.
  if (!best || best.score < RESOLVER_THRESHOLDS.unsure || (best.anchors === 0 && !best.wordsOverlap)) return { kind: 'missing' };
  const score = round(best.score);
  const ahead = best.score - (second?.score ?? 0) >= RESOLVER_THRESHOLDS.margin;
  if (best.score >= RESOLVER_THRESHOLDS.sure && ahead && best.roleAgrees && best.anchors > 0)
    return { kind: 'sure', element: best.element, score };
  return { kind: 'unsure', element: best.element, score };
}

// ————— Roots —————

type Root = Document | ShadowRoot;

/**
 * The document, every open shadow root and every same-origin frame's document under it,
 * depth first. Closed shadow roots and cross-origin frames cannot be read: they are skipped.
 */
export function openRoots(document: Document): Root[] {
  const roots: Root[] = [];
  const visit = (root: Root, depth: number): void => {
    if (roots.length >= MAX_ROOTS || depth > L.pathDepth * 2) return;
    roots.push(root);
    for (const element of Array.from(root.querySelectorAll('*'))) {
      if (roots.length >= MAX_ROOTS) return;
      const shadow = (element as { shadowRoot?: ShadowRoot | null }).shadowRoot;
      if (shadow) visit(shadow, depth + 1);
      const frameDocument = documentOfFrame(element);
      if (frameDocument) visit(frameDocument, depth + 1);
    }
  };
  visit(document, 0);
  return roots;
}

function documentOfFrame(element: Element): Document | null {
  if (element.localName !== 'iframe' && element.localName !== 'frame') return null;
  try {
    return (element as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null; // cross-origin
  }
}

/** Where the step says its element lives (frames, then shadow hosts); null when a step of the path fails. */
function expectedRoot(target: StepTarget, document: Document): Root | null {
  let current: Root = document;
  for (const selector of target.framePath.slice(0, L.pathDepth)) {
    const frame: Document | undefined = safeQueryAll(current, selector)
      .map(documentOfFrame)
      .find((inner): inner is Document => !!inner);
    if (!frame) return null;
    current = frame;
  }
  for (const selector of target.shadowPath.slice(0, L.pathDepth)) {
    const shadow: ShadowRoot | undefined = safeQueryAll(current, selector)
      .map((host) => (host as { shadowRoot?: ShadowRoot | null }).shadowRoot)
      .find((inner): inner is ShadowRoot => !!inner);
    if (!shadow) return null;
    current = shadow;
  }
  return current;
}

// ————— Candidates —————

/** Implicit roles a tag query would miss: a "button" may be an <input type=submit> or a <summary>. */
const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, input[type="button" i], input[type="submit" i], input[type="reset" i], input[type="image" i], summary',
  link: 'a[href], area[href]',
  textbox: 'input:not([type]), input[type="text" i], input[type="email" i], input[type="tel" i], input[type="url" i], textarea',
  searchbox: 'input[type="search" i]',
  combobox: 'select, input[list]',
  checkbox: 'input[type="checkbox" i]',
  radio: 'input[type="radio" i]',
  row: 'tr',
  cell: 'td',
  columnheader: 'th',
  listitem: 'li',
  option: 'option',
};

function candidatesIn(root: Root, target: StepTarget, selectorHits: readonly Element[]): Set<Element> {
  const found = new Set<Element>(selectorHits);
  const add = (selector: string, limit = POOL_PER_ROOT) => {
    for (const element of safeQueryAll(root, selector, limit)) found.add(element);
  };
  if (target.testId) for (const name of TEST_ID_ATTRIBUTES) add(`[${name}="${cssString(target.testId)}"]`);
  if (target.id) add(`[id="${cssString(target.id)}"]`);
  for (const [name, value] of Object.entries(target.dataAttributes).slice(0, L.dataAttributes)) {
    if (/^data-[a-z0-9_.-]+$/.test(name)) add(`[${name}="${cssString(value)}"]`);
  }
  if (target.placeholder) add(`[placeholder="${cssString(target.placeholder)}"]`);
  if (/^[a-z][a-z0-9-]*$/.test(target.tag)) add(target.tag);
  if (/^[a-z]+$/.test(target.role)) {
    add(`[role="${target.role}"]`);
    const implicit = ROLE_SELECTORS[target.role];
    if (implicit) add(implicit);
  }
  return found;
}

/** A candidate the person cannot see or use is not one: the player waits for it to show instead. */
function isShown(element: Element): boolean {
  if (element.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  const check = (element as { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && element.isConnected) {
    return check.call(element, { visibilityProperty: true, contentVisibilityAuto: true });
  }
  return true;
}

// ————— Scoring —————

/** What each agreement is worth, in points. */
const W = {
  role: 3,
  roleMismatch: -4,
  tag: 0.5,
  tagMismatch: -0.5,
  name: 4,
  label: 2.5,
  placeholder: 1.5,
  text: 1.5,
  /** Text that only repeats the name (a button's label) adds little. */
  textSameAsName: 0.5,
  testId: 5,
  testIdMismatch: -4,
  id: 4,
  idMismatch: -1,
  dataEach: 1,
  dataMax: 3,
  dataMismatchEach: -0.75,
  dataMismatchMax: -2,
  /** The selector names something and matches this element alone: about as strong as a stable id. */
  selectorUnique: 4,
  selectorStructural: 1,
  selectorFew: 0.5,
  sibling: 0.5,
  siblingIndexOnly: 0.25,
  place: 1.5,
  /** Centres this far apart (fraction of the page) earn nothing for place. */
  placeReach: 0.1,
  expectedRoot: 0.5,
} as const;

interface ScoreContext {
  selectorHits: readonly Element[];
  inExpectedRoot: boolean;
}

export function scoreCandidate(target: StepTarget, element: Element, context: ScoreContext): ScoredCandidate {
  const seen: TargetIdentity = identityOf(element);
  let score = 0;
  let anchors = 0;

  // Role, else tag.
  const roleAgrees = !target.role || seen.role === target.role;
  if (target.role) score += roleAgrees ? W.role : W.roleMismatch;
  score += seen.tag === target.tag ? W.tag : W.tagMismatch;

  // Words: agreement counts, disagreement does not (a translation or a rename is not evidence against).
  const name = similarity(target.name, seen.name);
  score += W.name * name;
  if (name === 1) anchors++;
  const label = similarity(target.label, seen.label);
  score += (target.label && fold(target.label) === fold(target.name) ? W.textSameAsName : W.label) * label;
  if (label === 1) anchors++;
  const placeholder = similarity(target.placeholder, seen.placeholder);
  score += W.placeholder * placeholder;
  if (placeholder === 1) anchors++;
  const text = similarity(target.text, seen.text);
  score += (target.text && fold(target.text) === fold(target.name) ? W.textSameAsName : W.text) * text;
  const wordsOverlap = [name, label, placeholder, text].some((value) => value > 0);

  // Structure: what a translation keeps.
  if (target.testId) {
    if (seen.testId === target.testId) {
      score += W.testId;
      anchors++;
    } else if (seen.testId) score += W.testIdMismatch;
  }
  if (target.id) {
    if (element.id === target.id) {
      score += W.id;
      anchors++;
    } else if (element.id && !isGeneratedId(element.id)) score += W.idMismatch;
  }
  let dataAgree = 0;
  let dataDisagree = 0;
  for (const [attribute, value] of Object.entries(target.dataAttributes).slice(0, L.dataAttributes)) {
    const actual = safeAttribute(element, attribute);
    if (actual === null) continue;
    if (actual === value) dataAgree += W.dataEach;
    else dataDisagree += W.dataMismatchEach;
  }
  if (dataAgree > 0) anchors++;
  score += Math.min(W.dataMax, dataAgree) + Math.max(W.dataMismatchMax, dataDisagree);

  // A selector naming something (an id, an attribute) identifies; one of tags and positions
  // only says where the element was, and a page that lost it may have another one there.
  const hits = context.selectorHits;
  if (hits.includes(element)) {
    const identifying = /[#[]/.test(target.selector);
    if (hits.length === 1 && identifying) {
      score += W.selectorUnique;
      anchors++;
    } else if (hits.length === 1) score += W.selectorStructural;
    else if (hits.length <= 3) score += W.selectorFew;
  }

  // Position: weak, it is what changes first.
  const parent = element.parentElement ?? (element.parentNode as ParentNode | null);
  if (parent) {
    const siblings = parent.children;
    const index = Array.prototype.indexOf.call(siblings, element);
    if (index === target.siblingIndex) score += siblings.length === target.siblingCount ? W.sibling : W.siblingIndexOnly;
  }
  if (target.place.width > 0 || target.place.height > 0) {
    const place = placeOf(element);
    if (place.width > 0 || place.height > 0) {
      const distance = Math.hypot(
        place.x + place.width / 2 - (target.place.x + target.place.width / 2),
        place.y + place.height / 2 - (target.place.y + target.place.height / 2),
      );
      score += W.place * Math.max(0, 1 - distance / W.placeReach);
    }
  }
  if (context.inExpectedRoot) score += W.expectedRoot;

  return { element, score, anchors, wordsOverlap, roleAgrees };
}

/** 1 when the folded texts are equal, a share of words in common otherwise, 0 when either is empty. */
export function similarity(expected: string, actual: string): number {
  const a = fold(expected);
  const b = fold(actual);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const wordsA = new Set(a.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const wordsB = new Set(b.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  let common = 0;
  for (const word of wordsA) if (wordsB.has(word)) common++;
  const union = wordsA.size + wordsB.size - common;
  return union > 0 ? (common / union) * 0.75 : 0;
}

/** Case, accents and whitespace folded: "Nouveau  Contact" is "nouveau contact". */
function fold(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

// ————— Hostile input —————

/** querySelectorAll on a selector from a peer: capped, and an invalid one finds nothing. */
function safeQueryAll(root: Root, selector: string, limit = POOL_PER_ROOT): Element[] {
  if (!selector || selector.length > L.selector) return [];
  try {
    const found = root.querySelectorAll(selector);
    return Array.from({ length: Math.min(found.length, limit) }, (_, index) => found[index]!);
  } catch {
    return [];
  }
}

function safeAttribute(element: Element, name: string): string | null {
  if (!/^data-[a-z0-9_.-]+$/.test(name) || name.length > L.dataName) return null;
  try {
    return element.getAttribute(name);
  } catch {
    return null;
  }
}

/** A value inside a double-quoted CSS string: escaped as an identifier, which is valid inside a string too. */
function cssString(value: string): string {
  return cssEscape(value.slice(0, L.word));
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
