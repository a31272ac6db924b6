import { describe, expect, it } from 'vitest';
import { clampTarget, defaultCaption, makeStep } from '@/lib/walkthrough/recorder-step';
import { stepTargetSchema, walkthroughStepSchema, type StepTarget } from '@/lib/walkthrough/schema';
import { speak } from '../helpers/i18n';

const MEGABYTE = 'x'.repeat(1_000_000);

function target(overrides: Partial<StepTarget> = {}): StepTarget {
  return {
    tag: 'button',
    role: 'button',
    name: 'Save',
    label: '',
    placeholder: '',
    text: 'Save',
    testId: '',
    dataAttributes: {},
    id: '',
    selector: 'button',
    siblingIndex: 0,
    siblingCount: 1,
    place: { x: 0.1, y: 0.1, width: 0.1, height: 0.05 },
    framePath: [],
    shadowPath: [],
    ...overrides,
  };
}

describe('a recorded step', () => {
  it('is cut to the limits the receiver enforces, whatever the page put in it', () => {
    speak('en');
    const hostile = target({
      name: `<img src=x onerror=alert(1)>${MEGABYTE}`,
      text: MEGABYTE,
      selector: MEGABYTE,
      id: MEGABYTE,
      tag: MEGABYTE,
      dataAttributes: Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`data-k${index}`, MEGABYTE])),
      framePath: Array.from({ length: 30 }, () => MEGABYTE),
      place: { x: Number.NaN, y: 5, width: -1, height: Number.POSITIVE_INFINITY },
      siblingIndex: -4,
      siblingCount: 0,
    });
    expect(stepTargetSchema.safeParse(hostile).success).toBe(false);
    const clamped = clampTarget(hostile);
    expect(stepTargetSchema.safeParse(clamped).success).toBe(true);
    const step = makeStep({ action: 'click', target: hostile, choice: MEGABYTE, url: `https://a.example/${MEGABYTE}` });
    expect(walkthroughStepSchema.safeParse(step).success).toBe(true);
    // The caption is text the receiver shows as text: the page's markup stays characters.
    expect(step.caption.startsWith('Click “<img src=x onerror=alert(1)>')).toBe(true);
  });

  it('has a default caption for each action, and for an element without a name', () => {
    speak('en');
    expect(defaultCaption('click', target())).toBe('Click “Save”');
    expect(defaultCaption('click', target({ name: '', text: '' }))).toBe('Click the highlighted part of the page');
    expect(defaultCaption('type', target({ tag: 'input', role: 'textbox', name: 'Client name', text: '' }))).toBe(
      'Type your Client name',
    );
    expect(defaultCaption('choose', target({ tag: 'li', role: 'option', name: 'Monthly' }), 'Monthly')).toBe('Choose “Monthly”');
  });

  it('keeps the address pattern, not the address', () => {
    const step = makeStep({
      action: 'click',
      target: target(),
      choice: '',
      url: 'https://app.acme.com/invoices/42?token=secret',
    });
    expect(step.urlPattern).toBe('https://app.acme.com/invoices/*');
  });
});
