import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, parseCsv } from '@/lib/inbox/csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['=1+2', `"'=1+2"`],
    ['+13235550142', `"'+13235550142"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=cmd', `"'\t=cmd"`],
    ['\r=cmd', `"'\r=cmd"`],
  ])('prefixes a cell a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves ordinary text alone apart from the quotes around it', () => {
    expect(csvCell('Maria')).toBe('"Maria"');
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell(' =not first')).toBe('" =not first"');
    expect(csvCell("O'Brien")).toBe(`"O'Brien"`);
  });

  it('doubles quotes inside a field', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('"')).toBe('""""');
  });

  it('keeps line breaks and commas inside the quotes', () => {
    expect(csvCell('line one\nline two, and more')).toBe('"line one\nline two, and more"');
  });

  it('writes unicode as it is', () => {
    expect(csvCell('José Nguyễn 李')).toBe('"José Nguyễn 李"');
    expect(csvCell('😀')).toBe('"😀"');
  });

  it('writes empty values, numbers, booleans and dates', () => {
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell('')).toBe('""');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(-1)).toBe(`"'-1"`);
    expect(csvCell(true)).toBe('"true"');
    expect(csvCell(new Date('2026-11-26T09:30:00Z'))).toBe('"2026-11-26T09:30:00.000Z"');
    expect(csvCell(new Date('not a date'))).toBe('""');
  });
});

describe('csvRow and parseCsv', () => {
  it('ends each record with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('"a","b"\r\n');
  });

  it('reads back exactly what was written, with the formula prefix kept', () => {
    const rows = [
      ['reference', 'first name', 'note'],
      ['CR-ABC123', '=HYPERLINK("x")', 'two\nlines, "quoted"'],
      ['', 'José', '@home\r\nnext'],
    ];
    const text = CSV_BOM + rows.map(csvRow).join('');
    expect(parseCsv(text)).toEqual([
      rows[0],
      ['CR-ABC123', `'=HYPERLINK("x")`, 'two\nlines, "quoted"'],
      ['', 'José', "'@home\r\nnext"],
    ]);
  });

  it('reads unquoted fields and LF line ends', () => {
    expect(parseCsv('a,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,"b"')).toEqual([['a', 'b']]);
  });
});
