/**
 * How long each text of a question or reply may be, declared once: the form limits what a
 * person types with these, the sender checks what it seals, and the receiver enforces them.
 */
export const TEXT_LIMITS = {
  /** A question, an answer, a follow-up, a selection. */
  text: 20_000,
  url: 4096,
  title: 1000,
  tool: 200,
  skill: 120,
} as const;
