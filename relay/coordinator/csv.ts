/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF lines. A cell a spreadsheet would run as
 * a formula (= + - @, or a tab or carriage return first) is prefixed with an apostrophe: a name
 * typed by a device or a CSV must never become a formula on the coordinator's computer.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLines = (rows: (string | number)[][]): string =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
