// Spreadsheet-safe CSV (pure): every field quoted, quotes doubled, and any cell a spreadsheet would read
// as a formula ("=", "+", "-", "@", tab, carriage return first) prefixed with a single quote, so a
// patient who types "=HYPERLINK(…)" as their name cannot run anything on the machine that opens the file.

export type CsvValue = string | number | boolean | Date | null | undefined;

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (OWASP CSV injection). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Excel only reads the file as UTF-8 (names like "José", "Nguyễn") when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';

export const CSV_LINE_END = '\r\n';

function text(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

/** One field, quoted. Dates are written as ISO 8601 in UTC. */
export function csvCell(value: CsvValue): string {
  let s = text(value);
  if (s.length > 0 && FORMULA_TRIGGERS.has(s[0]!)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** One record, with the CRLF line end RFC 4180 asks for. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_LINE_END;
}

/**
 * Reads CSV as written above (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes) back
 * into rows of strings. It does not undo the formula prefix: what comes back is what a spreadsheet shows.
 */
export function parseCsv(input: string): string[][] {
  const src = input.startsWith(CSV_BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
