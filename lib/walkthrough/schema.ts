/**
 * A walkthrough as it travels, sealed, inside an answer: steps recorded on the helper's page,
 * each with several independent ways of finding its element again and a caption, never a
 * typed value. The receiver validates it with these schemas; nothing in it is ever executed
 * or inserted as markup: selectors are only passed to querySelector, texts only compared.
 */
import { z } from 'zod';
import { WALKTHROUGH_LIMITS } from './limits';

// In a module of their own, so that the scripts injected into pages do not carry zod with them.
export { WALKTHROUGH_LIMITS } from './limits';

const word = z.string().max(WALKTHROUGH_LIMITS.word);
const selector = z.string().max(WALKTHROUGH_LIMITS.selector);

/** A box as fractions (0..1) of the page's scrollable size: where the element sat, not how big the screen was. */
const placeSchema = z.object({
  x: z.number().finite().min(0).max(1),
  y: z.number().finite().min(0).max(1),
  width: z.number().finite().min(0).max(1),
  height: z.number().finite().min(0).max(1),
});

/** What a step knows of its element. Every field but `tag` may be empty: the resolver scores what is there. */
export const stepTargetSchema = z.object({
  tag: z.string().min(1).max(60),
  /** ARIA role, explicit or implicit. */
  role: word,
  /** Accessible name, whitespace collapsed. */
  name: word,
  /** The text of the element's <label> (or aria-labelledby), for fields. */
  label: word,
  placeholder: word,
  /** Visible text, whitespace collapsed; never a field's value. */
  text: word,
  /** data-testid, data-test, data-qa, data-cy: the first present. */
  testId: word,
  dataAttributes: z
    .record(
      z
        .string()
        .regex(/^data-/)
        .max(WALKTHROUGH_LIMITS.dataName),
      z.string().max(WALKTHROUGH_LIMITS.dataValue),
    )
    .refine((attributes) => Object.keys(attributes).length <= WALKTHROUGH_LIMITS.dataAttributes),
  /** The element's id when it looks stable (not generated); '' otherwise. */
  id: z.string().max(WALKTHROUGH_LIMITS.id),
  /** A unique CSS selector within its root (document, frame or shadow root) when recorded. */
  selector,
  /** Its index among its parent's element children, and how many there were. */
  siblingIndex: z.number().int().min(0).max(100_000),
  siblingCount: z.number().int().min(1).max(100_000),
  place: placeSchema,
  /** Selectors of each same-origin iframe from the top document down to the element's document. */
  framePath: z.array(selector).max(WALKTHROUGH_LIMITS.pathDepth),
  /** Selectors of each shadow host from the element's document down to its shadow root. */
  shadowPath: z.array(selector).max(WALKTHROUGH_LIMITS.pathDepth),
});
export type StepTarget = z.infer<typeof stepTargetSchema>;

/** `type`: "type your ⟨label⟩" (the value is never kept); `choose`: a select or a list option. */
export const STEP_ACTIONS = ['click', 'type', 'choose'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const walkthroughStepSchema = z.object({
  action: z.enum(STEP_ACTIONS),
  target: stepTargetSchema,
  caption: z.string().max(WALKTHROUGH_LIMITS.caption),
  /** The page's address with what changes between people (ids, numbers) as `*`: origin + path. */
  urlPattern: z.string().max(WALKTHROUGH_LIMITS.url),
});
export type WalkthroughStep = z.infer<typeof walkthroughStepSchema>;

export const walkthroughSchema = z.object({
  /** Where the recording started: the page "Show me on my page" opens. */
  startUrl: z.string().max(WALKTHROUGH_LIMITS.url),
  steps: z.array(walkthroughStepSchema).min(1).max(WALKTHROUGH_LIMITS.steps),
});
export type Walkthrough = z.infer<typeof walkthroughSchema>;

/** A helper's note when a step could not be found on the asker's page: "step 3 not found on ⟨site⟩". */
export const walkthroughProblemSchema = z.object({
  /** 1-based, as the person saw it. */
  step: z.number().int().min(1).max(WALKTHROUGH_LIMITS.steps),
  site: z.string().max(WALKTHROUGH_LIMITS.url),
});
export type WalkthroughProblem = z.infer<typeof walkthroughProblemSchema>;
