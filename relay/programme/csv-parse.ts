/**
 * RFC 4180 CSV as spreadsheets write it: quoted cells may hold the delimiter, quotes ("") and
 * line breaks; lines end in CRLF or LF. The delimiter is the header's: a comma, or the semicolon
 * of a French spreadsheet. Each record keeps the line it started on, for the problems' messages.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class TooManyRows extends Error {}

export function parseCsv(text: string, maxRecords: number): CsvRecord[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) {
      records.push({ line: recordLine, cells });
      // Refused early: nothing more is parsed once the file is known to be too long.
      if (records.length > maxRecords) throw new TooManyRows();
    }
    cells = [];
    cell = '';
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}
