/**
 * The page a question is about, as captured on the asker's side and checked on the helper's.
 * One schema: the type is derived from it, and the receiver enforces the same limits.
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../conversation/text-limits';

export const pageContextSchema = z.object({
  url: z.string().max(TEXT_LIMITS.url),
  title: z.string().max(TEXT_LIMITS.title),
  /** Tool id from the catalogue, or the site's name when the tool is not in it. */
  tool: z.string().max(TEXT_LIMITS.tool),
  toolName: z.string().max(TEXT_LIMITS.tool),
  selection: z.string().max(TEXT_LIMITS.text),
  /** The link or image the person right-clicked, when they asked from the menu. */
  targetUrl: z.string().max(TEXT_LIMITS.url).optional(),
});

export type PageContext = z.infer<typeof pageContextSchema>;
