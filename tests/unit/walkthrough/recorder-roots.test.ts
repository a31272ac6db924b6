// @vitest-environment happy-dom
/**
 * The recorder in same-origin frames and open shadow roots (issue 15, item 2): a gesture
 * there gives a step whose frame path and shadow-root path lead the resolver back to the same
 * element; a frame added or navigated later is listened to as well, a cross-origin one is
 * skipped, and a typed value is still never read. On happy-dom, which has frames, composed
 * events and MutationObserver (linkedom, used by the other walkthrough tests, has none of them);
 * the real recorder in Chromium is tests/e2e/walkthrough-record.spec.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import { gestureOfChange, gestureOfClick } from '@/lib/walkthrough/recorder-fields';
import { eventTarget, listenInAllRoots } from '@/lib/walkthrough/recorder-roots';
import { clampTarget } from '@/lib/walkthrough/recorder-step';
import { resolveStepTarget } from '@/lib/walkthrough/resolve';
import type { StepTarget } from '@/lib/walkthrough/schema';

const SENTINEL = 'SENTINEL-frames-never-recorded';
const FORM =
  '<form aria-labelledby="form-title"><h2 id="form-title">New contact</h2>' +
  '<label for="first-name">First name</label><input id="first-name" name="firstName" placeholder="Jane" />' +
  '<button type="button" class="sc-gKsewC">Cancel</button><button type="button" class="sc-iBPRYJ" data-action="save">Save</button></form>';

interface Recorded {
  action: string;
  element: Element;
  target: StepTarget;
}

/** The recorder's listeners, reduced to what decides a step: the gesture and its description. */
function record(top: Document): { steps: Recorded[]; stop: () => void } {
  const steps: Recorded[] = [];
  const keep = (gesture: ReturnType<typeof gestureOfClick>) => {
    if (gesture)
      steps.push({ action: gesture.action, element: gesture.element, target: clampTarget(describeStepTarget(gesture.element)) });
  };
  const stop = listenInAllRoots(top, [
    ['click', (event) => keep(eventTarget(event) && gestureOfClick(eventTarget(event)!))],
    ['change', (event) => keep(eventTarget(event) && gestureOfChange(eventTarget(event)!))],
  ]);
  return { steps, stop };
}

/** happy-dom gives a frame's window no `frameElement`: set it, as a browser has it. */
function frameOf(frame: HTMLIFrameElement): Document {
  const inner = frame.contentDocument!;
  Object.defineProperty(inner.defaultView!, 'frameElement', { value: frame, configurable: true });
  return inner;
}

const loaded = (frame: HTMLIFrameElement) => new Promise((done) => frame.addEventListener('load', done, { once: true }));

function click(element: Element): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
}

function typeInto(field: HTMLInputElement, text: string): void {
  field.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function expectFound(target: StepTarget, element: Element): void {
  const found = resolveStepTarget(target, document);
  expect(found.kind).toBe('sure');
  expect(found.kind !== 'missing' && found.element).toBe(element);
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  document.body.innerHTML = '';
});

describe('the recorder in a same-origin frame', () => {
  it('records a click there with the frame path the resolver follows back', () => {
    document.body.innerHTML = '<main><h1>Contacts</h1><iframe title="New contact"></iframe></main>';
    const inner = frameOf(document.querySelector('iframe')!);
    inner.body.innerHTML = FORM;
    const { steps, stop } = record(document);
    stops.push(stop);

    const save = inner.querySelector('[data-action="save"]')!;
    click(save);

    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ action: 'click', element: save });
    expect(steps[0]!.target.framePath).toHaveLength(1);
    expect(document.querySelector(steps[0]!.target.framePath[0]!)).toBe(document.querySelector('iframe'));
    expect(steps[0]!.target.shadowPath).toEqual([]);
    expectFound(steps[0]!.target, save);
  });

  it('records typing there as a typing step, without its value', () => {
    document.body.innerHTML = '<iframe title="New contact"></iframe>';
    const inner = frameOf(document.querySelector('iframe')!);
    inner.body.innerHTML = FORM;
    const { steps, stop } = record(document);
    stops.push(stop);

    const field = inner.querySelector<HTMLInputElement>('#first-name')!;
    typeInto(field, SENTINEL);

    expect(steps.map((step) => step.action)).toEqual(['type']);
    expect(steps[0]!.target.label).toBe('First name');
    expect(JSON.stringify(steps[0]!.target)).not.toContain(SENTINEL);
    expectFound(steps[0]!.target, field);
  });

  it('listens in a frame added later, and in the new document of a frame that navigates', async () => {
    document.body.innerHTML = '<main><h1>Contacts</h1></main>';
    const { steps, stop } = record(document);
    stops.push(stop);

    const frame = document.createElement('iframe');
    frame.title = 'New contact';
    document.querySelector('main')!.append(frame);
    const first = loaded(frame);
    frame.srcdoc = FORM;
    await first;
    const save = frameOf(frame).querySelector('[data-action="save"]')!;
    click(save);
    expect(steps.map((step) => step.element)).toEqual([save]);
    expectFound(steps[0]!.target, save);

    const again = loaded(frame);
    frame.srcdoc = '<p>Saved.</p><button type="button">Add another contact</button>';
    await again;
    const inner = frameOf(frame);
    expect(inner.querySelector('[data-action="save"]')).toBeNull();
    const another = inner.querySelector('button')!;
    click(another);
    expect(steps.map((step) => step.element)).toEqual([save, another]);
    expect(steps[1]!.target).toMatchObject({ name: 'Add another contact', framePath: steps[0]!.target.framePath });
    expectFound(steps[1]!.target, another);
  });

  it('skips a cross-origin frame without failing', () => {
    document.body.innerHTML = '<iframe title="Map"></iframe><button type="button">Save</button>';
    Object.defineProperty(document.querySelector('iframe')!, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    const { steps, stop } = record(document);
    stops.push(stop);
    click(document.querySelector('button')!);
    expect(steps.map((step) => step.target.name)).toEqual(['Save']);
  });
});

describe('the recorder in an open shadow root', () => {
  function shadowPage(): ShadowRoot {
    document.body.innerHTML = '<main><h1>Contacts</h1><acme-contact-form></acme-contact-form></main>';
    const root = document.querySelector('acme-contact-form')!.attachShadow({ mode: 'open' });
    root.innerHTML = FORM;
    return root;
  }

  it('records the click on the element inside, not on its host, with the shadow path', () => {
    const root = shadowPage();
    const { steps, stop } = record(document);
    stops.push(stop);

    const save = root.querySelector('[data-action="save"]')!;
    click(save.appendChild(document.createElement('span')));

    expect(steps).toHaveLength(1);
    expect(steps[0]!.element).toBe(save);
    expect(steps[0]!.target).toMatchObject({ name: 'Save', framePath: [] });
    expect(steps[0]!.target.shadowPath).toHaveLength(1);
    expect(document.querySelector(steps[0]!.target.shadowPath[0]!)).toBe(document.querySelector('acme-contact-form'));
    expectFound(steps[0]!.target, save);
  });

  it("hears a field's change, which stays inside the shadow root, and never reads its value", () => {
    const root = shadowPage();
    const { steps, stop } = record(document);
    stops.push(stop);

    const field = root.querySelector<HTMLInputElement>('#first-name')!;
    typeInto(field, SENTINEL);

    expect(steps.map((step) => step.action)).toEqual(['type']);
    expect(JSON.stringify(steps[0]!.target)).not.toContain(SENTINEL);
    expectFound(steps[0]!.target, field);
  });

  it('in a frame: keeps both paths, frames first', () => {
    document.body.innerHTML = '<iframe title="Contacts"></iframe>';
    const inner = frameOf(document.querySelector('iframe')!);
    inner.body.innerHTML = '<acme-contact-form></acme-contact-form>';
    const root = inner.querySelector('acme-contact-form')!.attachShadow({ mode: 'open' });
    root.innerHTML = FORM;
    const { steps, stop } = record(document);
    stops.push(stop);

    const save = root.querySelector('[data-action="save"]')!;
    click(save);
    expect(steps[0]!.target.framePath).toHaveLength(1);
    expect(steps[0]!.target.shadowPath).toHaveLength(1);
    expectFound(steps[0]!.target, save);
  });
});

it('stops listening everywhere when the recording stops', () => {
  document.body.innerHTML = '<iframe title="New contact"></iframe>';
  const inner = frameOf(document.querySelector('iframe')!);
  inner.body.innerHTML = FORM;
  const { steps, stop } = record(document);
  stop();
  click(inner.querySelector('[data-action="save"]')!);
  expect(steps).toEqual([]);
});
