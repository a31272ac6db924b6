/**
 * What the two buddies of a pair tell each other about their programme, inside sealed
 * envelopes of kinds goal, kudos and agenda (lib/protocol/protocol.ts): the relay only counts
 * the kinds, never reads these shapes. A payload that does not parse is not applied.
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../conversation/text-limits';

/** A charter holds up to three objectives: a programme is about a few things, done well. */
export const MAX_OBJECTIVES = 3;
export const MEETING_RHYTHMS_WEEKS = [1, 2, 4] as const;
export const KUDOS_QUALITIES = ['patience', 'clarity', 'expertise', 'availability', 'creativity'] as const;
export type KudosQuality = (typeof KUDOS_QUALITIES)[number];
export const MAX_KUDOS_MESSAGE = 1000;

/** A calendar day, "2026-06-30": a charter's end is a day, read in each buddy's own time zone. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const parsed = new Date(year, month - 1, date);
    return parsed.getFullYear() === year && parsed.getMonth() === month - 1 && parsed.getDate() === date;
  }, 'a real calendar day');

const objective = z.object({
  /** Kept across edits of the charter, so that "reached" follows the objective. */
  id: z.uuid(),
  /** A catalogue id ("excel/pivot-tables") or the words a person typed. */
  skill: z.string().trim().min(1).max(TEXT_LIMITS.skill),
});
export type Objective = z.infer<typeof objective>;

export const charterProposal = z.object({
  type: z.literal('charter'),
  objectives: z.array(objective).min(1).max(MAX_OBJECTIVES),
  rhythmWeeks: z.literal(MEETING_RHYTHMS_WEEKS),
  endDate: calendarDay,
});
export type CharterProposal = z.infer<typeof charterProposal>;

const charterAccept = z.object({ type: z.literal('charter-accept'), proposalId: z.uuid() });
const objectiveReached = z.object({ type: z.literal('objective-reached'), objectiveId: z.uuid(), reached: z.boolean() });

export const kudosPayload = z.object({
  type: z.literal('kudos'),
  qualities: z
    .array(z.enum(KUDOS_QUALITIES))
    .min(1)
    .max(KUDOS_QUALITIES.length)
    .refine((qualities) => new Set(qualities).size === qualities.length, 'each quality once'),
  message: z.string().max(MAX_KUDOS_MESSAGE).optional(),
  /** The answered question it thanks for; none at wrap-up, for the whole programme. */
  threadId: z.uuid().optional(),
});
export type KudosPayload = z.infer<typeof kudosPayload>;

/** "Let's talk about it at our next meetup", or no longer. */
const agendaMark = z.object({ type: z.literal('agenda-mark'), threadId: z.uuid(), marked: z.boolean() });
/** An item of the agenda ticked (or unticked) as discussed: `item` is lib/programme/agenda.ts's key. */
const agendaDiscussed = z.object({
  type: z.literal('agenda-discussed'),
  item: z.string().min(1).max(300),
  discussed: z.boolean(),
});

export const programmePayloadSchemas = {
  goal: z.discriminatedUnion('type', [charterProposal, charterAccept, objectiveReached]),
  kudos: kudosPayload,
  agenda: z.discriminatedUnion('type', [agendaMark, agendaDiscussed]),
} as const;

export type ProgrammeKind = keyof typeof programmePayloadSchemas;
export type ProgrammePayloadOf<K extends ProgrammeKind> = z.infer<(typeof programmePayloadSchemas)[K]>;
export type ProgrammePayload = ProgrammePayloadOf<ProgrammeKind>;
export type ProgrammePayloadType = ProgrammePayload['type'];

export function isProgrammeKind(kind: string): kind is ProgrammeKind {
  return kind in programmePayloadSchemas;
}

/** The envelope kind a payload travels as: the relay counts kinds, so each type has one. */
export function kindOfPayload(payload: ProgrammePayload): ProgrammeKind {
  if (payload.type === 'kudos') return 'kudos';
  return payload.type.startsWith('agenda-') ? 'agenda' : 'goal';
}

/** Null for a payload that is not valid JSON of the kind's shape. */
export function decodeProgrammePayload(kind: ProgrammeKind, plaintext: string): ProgrammePayload | null {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    return null;
  }
  const parsed = programmePayloadSchemas[kind].safeParse(json);
  return parsed.success ? parsed.data : null;
}
