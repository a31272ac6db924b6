/**
 * The page a question is about, as captured on the asker's side and checked on the helper's.
 * One schema: the type is derived from it, and the receiver enforces the same limits.
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../conversation/text-limits';

/** Every text of the context is captured by Binôme, not typed: each has its limit here. */
const CAPTURED_LIMITS = {
  url: TEXT_LIMITS.url,
  title: TEXT_LIMITS.title,
  tool: TEXT_LIMITS.tool,
  toolName: TEXT_LIMITS.tool,
  selection: TEXT_LIMITS.text,
  targetUrl: TEXT_LIMITS.url,
} as const;

export type CapturedField = keyof typeof CAPTURED_LIMITS;
const capturedFields = Object.keys(CAPTURED_LIMITS) as CapturedField[];

// Built in a function marked pure, so that the ask panel's frame, which only trims, does not carry zod.
export const pageContextSchema = /* @__PURE__ */ (() =>
  z.object({
    url: z.string().max(CAPTURED_LIMITS.url),
    title: z.string().max(CAPTURED_LIMITS.title),
    /** Tool id from the catalogue, or the site's name when the tool is not in it. */
    tool: z.string().max(CAPTURED_LIMITS.tool),
    toolName: z.string().max(CAPTURED_LIMITS.tool),
    selection: z.string().max(CAPTURED_LIMITS.selection),
    /** The link or image the person right-clicked, when they asked from the menu. */
    targetUrl: z.string().max(CAPTURED_LIMITS.targetUrl).optional(),
    /**
     * The fields that were cut to their limit before sending, so that both sides say so.
     * Optional: contexts sent before it existed had nothing cut, and older receivers drop it.
     */
    trimmed: z.array(z.enum(capturedFields as [CapturedField, ...CapturedField[]])).max(capturedFields.length).optional(),
  }))();

export type PageContext = z.infer<typeof pageContextSchema>;

/** At most `limit` UTF-16 units (what the schema counts), never half of a surrogate pair. */
function cut(text: string, limit: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return text.slice(0, end);
}

/**
 * A selection, a title or an address can be any length on a page: cut to what the receiver
 * accepts, with the cut fields named, rather than a question that would never arrive.
 * Returns the same object when nothing is too long, so it can be applied more than once.
 */
export function trimCapturedContext(context: PageContext): PageContext {
  const tooLong = capturedFields.filter((field) => (context[field]?.length ?? 0) > CAPTURED_LIMITS[field]);
  if (!tooLong.length) return context;
  const trimmed = { ...context, trimmed: [...new Set([...(context.trimmed ?? []), ...tooLong])] };
  for (const field of tooLong) trimmed[field] = cut(context[field]!, CAPTURED_LIMITS[field]);
  return trimmed;
}
