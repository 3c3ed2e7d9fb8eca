/**
 * RFC 4180 CSV, for exports opened in spreadsheets. Cells that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab) get a leading apostrophe: an exported map must never
 * execute anything on the reader's machine.
 */
export type Cell = string | number | boolean | null | undefined | readonly string[];

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(cellText).join(',')).join('\r\n') + '\r\n';
}
