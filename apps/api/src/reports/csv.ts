import { stringify } from 'csv-stringify/sync';

/**
 * A CSV file LibreOffice and Excel open as UTF-8 without asking: a byte-order mark, a header row, CRLF line ends.
 * Dates are written as ISO (YYYY-MM-DD) by the callers.
 */
export function csvFile(header: string[], rows: (string | number | null)[][]): string {
  return (
    '\uFEFF' + stringify([header, ...rows.map((row) => row.map((cell) => cell ?? ''))], { record_delimiter: '\r\n' })
  );
}
