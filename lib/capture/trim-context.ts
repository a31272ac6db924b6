/**
 * The limits of what Binôme captures of a page, and the cut to them. Apart from the schema
 * (./page-context.ts), so that the ask panel's frame, which captures but never validates,
 * does not carry zod.
 */
import { TEXT_LIMITS } from '../conversation/text-limits';

/** Every text of the context is captured by Binôme, not typed: each has its limit here. */
export const CAPTURED_LIMITS = {
  url: TEXT_LIMITS.url,
  title: TEXT_LIMITS.title,
  tool: TEXT_LIMITS.tool,
  toolName: TEXT_LIMITS.tool,
  selection: TEXT_LIMITS.text,
  targetUrl: TEXT_LIMITS.url,
} as const;

export type CapturedField = keyof typeof CAPTURED_LIMITS;
export const CAPTURED_FIELDS = Object.keys(CAPTURED_LIMITS) as [CapturedField, ...CapturedField[]];

/** What of a page context (./page-context.ts) is cut: typed here, as the schema imports these limits. */
type CapturedTexts = { [Field in CapturedField]?: string } & { trimmed?: CapturedField[] };

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
export function trimCapturedContext<Context extends CapturedTexts>(context: Context): Context {
  const tooLong = CAPTURED_FIELDS.filter((field) => (context[field]?.length ?? 0) > CAPTURED_LIMITS[field]);
  if (!tooLong.length) return context;
  const trimmed = { ...context, trimmed: [...new Set([...(context.trimmed ?? []), ...tooLong])] };
  for (const field of tooLong) trimmed[field] = cut(context[field]!, CAPTURED_LIMITS[field]);
  return trimmed;
}
