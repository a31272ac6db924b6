/**
 * The walkthrough's limits, which the schemas (./schema.ts) enforce and the recorder cuts to, in a
 * module of their own: the recorder, player and resolver injected into pages read them without zod.
 */
export const WALKTHROUGH_LIMITS = {
  /** A walkthrough longer than this is refused as a whole, with a sentence saying why. */
  steps: 100,
  caption: 500,
  /** Role, accessible name, label, placeholder, visible text, test id. */
  word: 200,
  id: 200,
  selector: 1000,
  dataAttributes: 10,
  dataName: 100,
  dataValue: 100,
  /** Frames inside frames, shadow roots inside shadow roots. */
  pathDepth: 8,
  url: 2000,
} as const;
