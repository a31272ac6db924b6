/**
 * A message family: every message one side may send another, declared once, keyed by its
 * `type`, as the zod shape of its other fields. The TypeScript type of the family and the
 * receiver's check are both derived from that one declaration, so a message cannot be
 * accepted without being declared, nor declared without the shape it is checked against.
 * (Named by direction as in Dark Reader's src/utils/message.ts; handled through one typed
 * table of handlers as in refined-github's handleMessages.)
 */
import { z } from 'zod';

/** Each message type of a family and the shape of its fields besides `type`. */
export type FamilyFields = Record<string, z.ZodRawShape>;

/** One message of the family, or the message of type K. */
export type MessageOf<F extends FamilyFields, K extends keyof F & string = keyof F & string> = {
  [T in K]: z.infer<z.ZodObject<F[T] & { type: z.ZodLiteral<T> }>>;
}[K];

export interface MessageFamily<F extends FamilyFields> {
  /** The message with its declared fields only, or null: a type not declared, or a wrong shape. */
  parse(message: unknown): MessageOf<F> | null;
}

export function defineMessageFamily<F extends FamilyFields>(fields: F): MessageFamily<F> {
  const schemas = new Map(Object.entries(fields).map(([type, shape]) => [type, z.object({ ...shape, type: z.literal(type) })]));
  return {
    parse(message) {
      const type = (message as { type?: unknown } | null | undefined)?.type;
      const parsed = typeof type === 'string' ? schemas.get(type)?.safeParse(message) : undefined;
      return parsed?.success ? (parsed.data as MessageOf<F>) : null;
    },
  };
}

declare const replyType: unique symbol;
/** A request's answer: made by the receiver's own code, so it is typed, not checked at run time. */
export interface Reply<T> {
  readonly [replyType]?: T;
}
export const reply = <T>(): Reply<T> => ({});

/** A family whose every message is answered: the shape of what is asked, the type of the answer. */
export type RequestTable = Record<string, { fields: z.ZodRawShape; reply: Reply<unknown> }>;
export type RequestFields<R extends RequestTable> = { [K in keyof R]: R[K]['fields'] };
export type ReplyOf<R extends RequestTable, K extends keyof R> = R[K]['reply'] extends Reply<infer T> ? T : never;

/** One handler per request type, each typed by its declaration: the compiler finds a missing one. */
export type RequestHandlers<R extends RequestTable> = {
  [K in keyof R & string]: (message: MessageOf<RequestFields<R>, K>) => Promise<ReplyOf<R, K>>;
};

export function defineRequestFamily<R extends RequestTable>(requests: R): MessageFamily<RequestFields<R>> {
  const fields = Object.fromEntries(Object.entries(requests).map(([type, request]) => [type, request.fields]));
  return defineMessageFamily(fields as RequestFields<R>);
}

/** Hands a checked message to the handler of its type. */
export function handleRequest<R extends RequestTable>(
  handlers: RequestHandlers<R>,
  message: MessageOf<RequestFields<R>>,
): Promise<ReplyOf<R, keyof R>> {
  const handler = handlers[(message as { type: keyof R & string }).type] as (
    message: MessageOf<RequestFields<R>>,
  ) => Promise<ReplyOf<R, keyof R>>;
  return handler(message);
}
