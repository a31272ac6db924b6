/**
 * A picture of the helper's own screen, as an answer: the redacted screenshot plus numbered
 * markers and boxes, each with a caption. Positions are fractions (0..1) of the picture, so
 * they stay on their spot at any zoom. Captions are shown as text, never as markup.
 */
import { z } from 'zod';

export const PICTURE_LIMITS = { marks: 20, caption: 300 } as const;

const fraction = z.number().finite().min(0).max(1);
/** Sums of fractions drift by a few ulps: a box drawn to the very edge must still fit. */
const EDGE_SLACK = 1e-9;

export const pictureMarkSchema = z
  .object({
    /** `marker`: a numbered dot at (x, y); `box`: a rectangle from (x, y), numbered too. */
    shape: z.enum(['marker', 'box']),
    x: fraction,
    y: fraction,
    width: fraction,
    height: fraction,
    caption: z.string().max(PICTURE_LIMITS.caption),
  })
  // A box that runs off the picture would be drawn over the page around it.
  .refine((mark) => mark.x + mark.width <= 1 + EDGE_SLACK && mark.y + mark.height <= 1 + EDGE_SLACK, {
    message: 'A mark must lie inside the picture',
    path: ['width'],
  });
export type PictureMark = z.infer<typeof pictureMarkSchema>;

/** A picture as the log keeps it: the image as a Blob (IndexedDB stores it natively), the marks as data. */
export interface StoredPicture {
  image: Blob;
  marks: PictureMark[];
}
