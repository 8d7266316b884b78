import { parse } from 'csv-parse/sync';
import { csvFile } from './csv';

describe('csvFile', () => {
  it('keeps a cell with a bare line break in its cell, so no formula starts a row of its own', () => {
    const file = csvFile(
      ['caseRef', 'reason'],
      [
        ['A-1', 'no\n=1+2'],
        ['A-2', 'carriage\r=SUM(1)'],
      ],
    );
    const rows: string[][] = parse(file, { bom: true });
    expect(rows).toEqual([
      ['caseRef', 'reason'],
      ['A-1', 'no\n=1+2'],
      ['A-2', 'carriage\r=SUM(1)'],
    ]);
  });

  it('writes an apostrophe before a formula at the start of a cell or after a semicolon', () => {
    const rows: string[][] = parse(csvFile(['reason'], [['=1+2'], ['\t=1+2'], ['plain'], ['a;=1+2;b']]), { bom: true });
    expect(rows.slice(1).flat()).toEqual(["'=1+2", "'\t=1+2", 'plain', "a;'=1+2;b"]);
  });
});
