import { stringify } from 'csv-stringify/sync';

/**
 * Text a spreadsheet would read as a formula (OWASP's CSV injection list), at the start of a cell or after a `;`
 * (where a spreadsheet in a locale that splits on `;`, French or German, starts a cell): a reason or a city typed by
 * staff or imported from a history file must open as the text it is, never run.
 */
const FORMULA_START = /(^|;)(?=[=+\-@\t\r])/g;

/**
 * A CSV file LibreOffice and Excel open as UTF-8 without asking: a byte-order mark, a header row, CRLF line ends.
 * Dates are written as ISO (YYYY-MM-DD) by the callers. A formula at the start of a text cell, or after a `;` in it, is
 * written with an apostrophe before it, which the spreadsheet shows as text; numbers are written as they are.
 */
export function csvFile(header: string[], rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) =>
    typeof value === 'string' ? value.replace(FORMULA_START, "$1'") : (value ?? '');
  // A bare line feed or carriage return in a cell is quoted too, so that it stays in its cell, never starts a row.
  return (
    '\uFEFF' +
    stringify([header, ...rows.map((row) => row.map(cell))], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
  );
}
