/**
 * PROVISIONAL, replaced by helper A's resolver branch (wt-resolver), which owns this file:
 * the same signature, so the recorder is written against it. It reuses the picker's element
 * description (lib/capture/element-description.ts), which already never reads a field's value.
 */
import { accessibleName, cssPath, roleOf, visibleText } from '../capture/element-description';
import { WALKTHROUGH_LIMITS } from './limits';
import type { StepTarget } from './schema';

const cut = (text: string, max: number) => text.slice(0, max);

export function describeStepTarget(element: Element): StepTarget {
  const parent = element.parentElement;
  const siblings = parent ? Array.from(parent.children) : [element];
  const doc = element.ownerDocument;
  const box = element.getBoundingClientRect?.();
  const width = Math.max(1, doc?.documentElement?.scrollWidth ?? 1);
  const height = Math.max(1, doc?.documentElement?.scrollHeight ?? 1);
  const fraction = (value: number | undefined, of: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value! / of : 0));
  const dataAttributes: Record<string, string> = {};
  for (const attribute of Array.from(element.attributes)) {
    if (Object.keys(dataAttributes).length >= WALKTHROUGH_LIMITS.dataAttributes) break;
    if (!attribute.name.startsWith('data-') || attribute.name.length > WALKTHROUGH_LIMITS.dataName) continue;
    dataAttributes[attribute.name] = cut(attribute.value, WALKTHROUGH_LIMITS.dataValue);
  }
  const testId = ['data-testid', 'data-test', 'data-qa', 'data-cy'].map((name) => element.getAttribute(name)).find(Boolean) ?? '';
  const labelled = (element as HTMLInputElement).labels;
  return {
    tag: cut(element.localName || 'unknown', 60),
    role: cut(roleOf(element), WALKTHROUGH_LIMITS.word),
    name: cut(accessibleName(element), WALKTHROUGH_LIMITS.word),
    label: cut(labelled ? Array.from(labelled, (label) => label.textContent ?? '').join(' ').trim() : '', WALKTHROUGH_LIMITS.word),
    placeholder: cut(element.getAttribute('placeholder') ?? '', WALKTHROUGH_LIMITS.word),
    text: cut(visibleText(element), WALKTHROUGH_LIMITS.word),
    testId: cut(testId, WALKTHROUGH_LIMITS.word),
    dataAttributes,
    id: cut(element.id ?? '', WALKTHROUGH_LIMITS.id),
    selector: cut(cssPath(element), WALKTHROUGH_LIMITS.selector),
    siblingIndex: Math.max(0, siblings.indexOf(element)),
    siblingCount: Math.max(1, siblings.length),
    place: {
      x: fraction((box?.left ?? 0) + (doc?.defaultView?.scrollX ?? 0), width),
      y: fraction((box?.top ?? 0) + (doc?.defaultView?.scrollY ?? 0), height),
      width: fraction(box?.width, width),
      height: fraction(box?.height, height),
    },
    framePath: [],
    shadowPath: [],
  };
}
