import { describe, expect, it } from 'vitest';
import type { ProgrammeItem, Review, Thread } from '@/lib/db/db';
import { agendaOf, nextMeetupDay, threadItemKey } from '@/lib/programme/agenda';
import { escapeText, foldLine, meetupIcs } from '@/lib/programme/ics';
import { PAIR_ID } from '../helpers/db';

const at = (month: number, day: number, hour = 10) => new Date(2026, month - 1, day, hour).getTime();
const HOUR = 3_600_000;

describe('nextMeetupDay', () => {
  it('falls on the rhythm from the day the charter was first agreed; today counts', () => {
    const charter = { firstAgreedAt: at(3, 2), rhythmWeeks: 2 as const };
    expect(nextMeetupDay(charter, at(3, 3))).toBe('2026-03-16');
    expect(nextMeetupDay(charter, at(3, 16, 18))).toBe('2026-03-16');
    expect(nextMeetupDay(charter, at(3, 17))).toBe('2026-03-30');
    // Across the change to summer time (29 March in Europe), still a Monday.
    expect(nextMeetupDay({ firstAgreedAt: at(3, 2), rhythmWeeks: 4 }, at(4, 20))).toBe('2026-04-27');
    expect(nextMeetupDay(null, at(3, 3))).toBeNull();
    // None after the programme's last day.
    expect(nextMeetupDay(charter, at(3, 17), '2026-03-29')).toBeNull();
    expect(nextMeetupDay(charter, at(3, 17), '2026-03-30')).toBe('2026-03-30');
  });
});

describe('agendaOf', () => {
  const thread = (
    id: string,
    question: string,
    askedAt: number,
    answeredAt = 0,
    status: Thread['status'] = 'sent',
    pairId = PAIR_ID,
  ) =>
    ({
      id,
      pairId,
      question,
      askedAt,
      answeredAt,
      status,
      direction: 'outgoing',
      skill: '',
      tool: '',
      updatedAt: askedAt,
      context: null,
    }) as Thread;
  const mark = (n: number, threadId: string, marked: boolean, fromMe = true): ProgrammeItem => ({
    id: `44444444-4444-4444-8444-${String(n).padStart(12, '0')}`,
    pairId: PAIR_ID,
    kind: 'agenda',
    fromMe,
    createdAt: n,
    seq: n,
    payload: { type: 'agenda-mark', threadId, marked },
  });
  const T1 = '11111111-1111-4111-8111-000000000001';
  const T2 = '11111111-1111-4111-8111-000000000002';
  const T3 = '11111111-1111-4111-8111-000000000003';
  const T4 = '11111111-1111-4111-8111-000000000004';
  const now = at(3, 10);

  it('lists the marked questions, those unanswered for more than 48 hours and the skills due, each once', () => {
    const threads = [
      thread(T1, 'Pivot?', now - 100 * HOUR, now - 90 * HOUR, 'answered'),
      thread(T2, 'Chart colours?', now - 50 * HOUR),
      thread(T3, 'Recent?', now - 47 * HOUR),
      thread(T4, 'Other pair', now - 90 * HOUR, 0, 'sent', '00000000-0000-4000-8000-000000000009'),
      {
        ...thread('11111111-1111-4111-8111-000000000005', 'Filters', now - 200 * HOUR, now - 190 * HOUR, 'answered'),
        skill: 'excel/sort-and-filter',
        tool: 'excel',
      },
    ];
    const reviews: Review[] = [];
    const items = [mark(1, T1, true), mark(2, T2, true, false), mark(3, T3, true), mark(4, T3, false, false)];
    const agenda = agendaOf({ pairId: PAIR_ID, items, threads, reviews, meetupDay: '2026-03-16', now });
    expect(agenda.map((item) => [item.reason, item.text])).toEqual([
      ['marked', 'Pivot?'],
      ['marked', 'Chart colours?'],
      ['review', 'Sort and filter'],
    ]);
  });

  it('ticks an item as discussed by the latest tick of either buddy', () => {
    const threads = [thread(T1, 'Pivot?', now - HOUR)];
    const tick = (n: number, discussed: boolean): ProgrammeItem => ({
      ...mark(n, T1, true),
      payload: { type: 'agenda-discussed', item: threadItemKey(T1), discussed },
    });
    const agenda = (items: ProgrammeItem[]) =>
      agendaOf({ pairId: PAIR_ID, items: [mark(1, T1, true), ...items], threads, reviews: [], meetupDay: null, now });
    expect(agenda([])[0]?.discussed).toBe(false);
    expect(agenda([tick(2, true)])[0]?.discussed).toBe(true);
    expect(agenda([tick(3, false), tick(2, true)])[0]?.discussed).toBe(false);
  });
});

describe('the meetup as an .ics file (RFC 5545)', () => {
  const ics = meetupIcs({
    uid: `${PAIR_ID}-20260316@binome`,
    day: '2026-03-16',
    summary: 'Binôme meetup with Karim',
    description:
      'Agenda:\n- Pivot tables; slicers, and \\ paths\n- ' +
      'Une très longue question sur les tableaux croisés dynamiques et leurs segments, encore et encore',
    stamp: Date.UTC(2026, 2, 10, 9, 5, 7),
  });
  const lines = ics.split('\r\n');

  it('ends every line with CRLF and holds one event with its required properties', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain(`UID:${PAIR_ID}-20260316@binome`);
    expect(lines).toContain('DTSTAMP:20260310T090507Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260316');
    expect(lines).toContain('DTEND;VALUE=DATE:20260317');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('escapes text and folds lines at 75 octets, never inside a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const encoder = new TextEncoder();
    for (const line of lines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain('DESCRIPTION:Agenda:\\n- Pivot tables\\; slicers\\, and \\\\ paths\\n- Une très longue question');
    expect(unfolded).toContain('SUMMARY:Binôme meetup with Karim');
    // Multi-byte characters survive folding whole.
    const folded = foldLine(`X:${'é'.repeat(80)}`);
    expect(folded.split('\r\n ').join('')).toBe(`X:${'é'.repeat(80)}`);
    for (const part of folded.split('\r\n')) expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
  });
});
