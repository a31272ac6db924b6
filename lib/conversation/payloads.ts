/**
 * What travels inside an envelope's opaque payload, between the two browsers of a pair.
 * The relay never sees these shapes; a payload that does not parse is not applied.
 */
import { z } from 'zod';
import { elementDescriptionSchema } from '../capture/element-description';
import { pageContextSchema } from '../capture/page-context';
import { walkthroughProblemSchema, walkthroughSchema } from '../walkthrough/schema';
import { PICTURE_LIMITS, pictureMarkSchema } from './annotated-picture';
import { TEXT_LIMITS } from './text-limits';
import { PayloadRefusedError, TextTooLongError, type TypedField } from './payload-errors';

/** A catalogue id ("excel/pivot-tables") or the words a person typed. */
const skill = z.string().trim().min(1).max(TEXT_LIMITS.skill);

/** A redacted, encoded screenshot (never the raw capture): base64, at most ~700 KB of image. */
export const screenshotSchema = z.object({
  type: z.enum(['image/jpeg', 'image/webp']),
  data: z
    .string()
    .max(950_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type ScreenshotPayload = z.infer<typeof screenshotSchema>;

export const questionPayload = z.object({
  threadId: z.uuid(),
  text: z.string().min(1).max(TEXT_LIMITS.text),
  context: pageContextSchema.nullable(),
  skill: skill.optional(),
  screenshot: screenshotSchema.optional(),
  element: elementDescriptionSchema.optional(),
});
/** The helper's own screen, redacted, with numbered marks: an answer that shows rather than tells. */
export const annotatedPictureSchema = z.object({
  screenshot: screenshotSchema,
  marks: z.array(pictureMarkSchema).max(PICTURE_LIMITS.marks),
});
export type AnnotatedPicturePayload = z.infer<typeof annotatedPictureSchema>;

/**
 * An answer or a follow-up. Its text may be empty only when it carries something to show
 * instead (a picture, a walkthrough) or a walkthrough problem, which the receiver words itself.
 */
export const replyPayload = z
  .object({
    threadId: z.uuid(),
    text: z.string().max(TEXT_LIMITS.text),
    skill: skill.optional(),
    picture: annotatedPictureSchema.optional(),
    walkthrough: walkthroughSchema.optional(),
    walkthroughProblem: walkthroughProblemSchema.optional(),
  })
  .refine((reply) => reply.text.length > 0 || reply.picture || reply.walkthrough || reply.walkthroughProblem, {
    message: 'A reply needs a text, a picture or a walkthrough',
    path: ['text'],
  });
export const resolutionPayload = z.object({ threadId: z.uuid() });

export const payloadSchemas = {
  question: questionPayload,
  answer: replyPayload,
  'follow-up': replyPayload,
  resolution: resolutionPayload,
} as const;

export type ThreadKind = keyof typeof payloadSchemas;
export type PayloadOf<K extends ThreadKind> = z.infer<(typeof payloadSchemas)[K]>;

export function isThreadKind(kind: string): kind is ThreadKind {
  return kind in payloadSchemas;
}

const TYPED_FIELDS: readonly string[] = ['text', 'skill'] satisfies TypedField[];

/**
 * The payload as the receiver will read it, checked against the very schema it enforces
 * there: the sender refuses what would never be applied, rather than show it as sent.
 */
export function checkPayload<K extends ThreadKind>(kind: K, payload: PayloadOf<K>): PayloadOf<K> {
  const parsed = payloadSchemas[kind].safeParse(payload);
  if (parsed.success) return parsed.data as PayloadOf<K>;
  const typedTooLong = parsed.error.issues.find(
    (issue) => issue.code === 'too_big' && issue.path.length === 1 && TYPED_FIELDS.includes(String(issue.path[0])),
  );
  if (typedTooLong) {
    const field = typedTooLong.path[0] as TypedField;
    throw new TextTooLongError(field, TEXT_LIMITS[field]);
  }
  throw new PayloadRefusedError(kind, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
}

export function encodePayload<K extends ThreadKind>(kind: K, payload: PayloadOf<K>): string {
  return JSON.stringify(checkPayload(kind, payload));
}

/** Returns null for a payload that is not valid JSON of the kind's shape. */
export function decodePayload<K extends ThreadKind>(kind: K, payload: string): PayloadOf<K> | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = payloadSchemas[kind].safeParse(json);
  return parsed.success ? (parsed.data as PayloadOf<K>) : null;
}
