/**
 * Calendar days in the person's own time zone: a charter ends on a day, reminders fall on days
 * ("two days before"), and a meetup is a day. Arithmetic goes through Date's calendar fields,
 * so a day that changes to or from summer time still counts as one day.
 */

/** "2026-06-30" for the local day `at` falls on. */
export function dayOf(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local midnight at the start of `day`. */
export function startOfDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).getTime();
}

/** Local midnight of the day `at` falls on. */
export function startOfDayAt(at: number): number {
  return startOfDay(dayOf(at));
}

/** The same local time `days` calendar days later (or earlier, when negative). */
export function addDays(at: number, days: number): number {
  const date = new Date(at);
  date.setDate(date.getDate() + days);
  return date.getTime();
}

/** The day `days` calendar days after `day`. */
export function addDaysToDay(day: string, days: number): string {
  return dayOf(addDays(startOfDay(day), days));
}
