import type { StepTarget, Walkthrough, WalkthroughStep } from '@/lib/walkthrough/schema';

/** A step as describeStepTarget would record it for a button, with `overrides`. */
export function sampleTarget(overrides: Partial<StepTarget> = {}): StepTarget {
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
    selector: 'button.save',
    siblingIndex: 0,
    siblingCount: 1,
    place: { x: 0.1, y: 0.1, width: 0.1, height: 0.05 },
    framePath: [],
    shadowPath: [],
    ...overrides,
  };
}

export function sampleStep(overrides: Partial<WalkthroughStep> = {}): WalkthroughStep {
  return {
    action: 'click',
    target: sampleTarget(),
    caption: 'Click Save',
    urlPattern: 'https://crm.acme.internal/deals/*',
    ...overrides,
  };
}

export function sampleWalkthrough(steps = 4): Walkthrough {
  return {
    startUrl: 'https://crm.acme.internal/deals/42',
    steps: Array.from({ length: steps }, (_, index) => sampleStep({ caption: `Step ${index + 1}` })),
  };
}
