/**
 * The page a question is about, as captured on the asker's side and checked on the helper's.
 * One schema: the type is derived from it, and the receiver enforces the same limits.
 */
import { z } from 'zod';
import { CAPTURED_FIELDS, CAPTURED_LIMITS } from './trim-context';

export const pageContextSchema = z.object({
  url: z.string().max(CAPTURED_LIMITS.url),
  title: z.string().max(CAPTURED_LIMITS.title),
  /** Tool id from the catalogue, or the site's name when the tool is not in it. */
  tool: z.string().max(CAPTURED_LIMITS.tool),
  toolName: z.string().max(CAPTURED_LIMITS.toolName),
  selection: z.string().max(CAPTURED_LIMITS.selection),
  /** The link or image the person right-clicked, when they asked from the menu. */
  targetUrl: z.string().max(CAPTURED_LIMITS.targetUrl).optional(),
  /**
   * The fields cut to their limit before sending (lib/capture/trim-context.ts), so that both
   * sides say so. Optional: contexts sent before it existed had nothing cut, and older
   * receivers drop it.
   */
  trimmed: z.array(z.enum(CAPTURED_FIELDS)).max(CAPTURED_FIELDS.length).optional(),
});

export type PageContext = z.infer<typeof pageContextSchema>;
