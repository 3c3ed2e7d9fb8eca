/**
 * One CSV cell for the web's exports. A cell a spreadsheet would run as a formula (text starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, as the command line's
 * export does (graph-seed/csv.ts): an exported map must never execute anything on the reader's
 * machine. Cells holding the separator, a quote, a semicolon or a line break are quoted.
 */
export function csvCell(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
