/**
 * A picture of the helper's own screen, as an answer: the redacted screenshot plus numbered
 * markers and boxes, each with a caption. Positions are fractions (0..1) of the picture, so
 * they stay on their spot at any zoom. Captions are shown as text, never as markup.
 */
import { z } from 'zod';

export const PICTURE_LIMITS = { marks: 20, caption: 300 } as const;

const fraction = z.number().finite().min(0).max(1);

export const pictureMarkSchema = z.object({
  /** `marker`: a numbered dot at (x, y); `box`: a rectangle from (x, y), numbered too. */
  shape: z.enum(['marker', 'box']),
  x: fraction,
  y: fraction,
  width: fraction,
  height: fraction,
  caption: z.string().max(PICTURE_LIMITS.caption),
});
export type PictureMark = z.infer<typeof pictureMarkSchema>;
