/**
 * Dates with the precision their source gives. A roadmap says "i løpet av 2024", "Q3 2021" or
 * "januar 2027" far more often than a day; forcing those into a day invents a fact. A partial
 * date is stored as written at its precision and compared by the last day of its period (a
 * change "due 2024" is due by 2024-12-31), which `endOfPeriod` gives and the API reports.
 */
export const DATE_PRECISIONS = {
  YEAR: { nb: 'År', en: 'Year' },
  QUARTER: { nb: 'Kvartal', en: 'Quarter' },
  MONTH: { nb: 'Måned', en: 'Month' },
  DAY: { nb: 'Dag', en: 'Day' },
} as const;
export type DatePrecision = keyof typeof DATE_PRECISIONS;

/** YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD. */
export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(Q[1-4])|-(\d{2})(?:-(\d{2}))?)?$/;

export interface PartialDateParts {
  year: number;
  quarter?: number;
  month?: number;
  day?: number;
}

export function partialDateParts(value: string): PartialDateParts | undefined {
  const m = PARTIAL_DATE_PATTERN.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) return { year, quarter: Number(m[2].slice(1)) };
  if (m[3] === undefined) return { year };
  const month = Number(m[3]);
  if (month < 1 || month > 12) return undefined;
  if (m[4] === undefined) return { year, month };
  const day = Number(m[4]);
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return { year, month, day };
}

export function precisionOf(value: string): DatePrecision {
  const p = partialDateParts(value);
  if (!p) throw new Error(`not a partial date: ${value}`);
  if (p.day !== undefined) return 'DAY';
  if (p.month !== undefined) return 'MONTH';
  if (p.quarter !== undefined) return 'QUARTER';
  return 'YEAR';
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of the period, as an ISO date: "2024" → "2024-12-31", "2021-Q3" → "2021-09-30". */
export function endOfPeriod(value: string): string {
  const p = partialDateParts(value);
  if (!p) throw new Error(`not a partial date: ${value}`);
  if (p.day !== undefined) return value;
  const month = p.month ?? (p.quarter !== undefined ? p.quarter * 3 : 12);
  return `${p.year}-${pad(month)}-${pad(daysIn(p.year, month))}`;
}

/** The first day of the period: "2024" → "2024-01-01". */
export function startOfPeriod(value: string): string {
  const p = partialDateParts(value);
  if (!p) throw new Error(`not a partial date: ${value}`);
  const month = p.month ?? (p.quarter !== undefined ? p.quarter * 3 - 2 : 1);
  return `${p.year}-${pad(month)}-${pad(p.day ?? 1)}`;
}

const MONTHS = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/** The date as people write it: "2024", "Q3 2021", "januar 2027", "1. januar 2027" / "1 January 2027". */
export function formatPartialDate(value: string, lang: 'nb' | 'en' = 'nb'): string {
  const p = partialDateParts(value);
  if (!p) return value;
  if (p.quarter !== undefined) return `Q${p.quarter} ${p.year}`;
  if (p.month === undefined) return String(p.year);
  const month = MONTHS[lang][p.month - 1] ?? '';
  if (p.day === undefined) return `${month} ${p.year}`;
  return lang === 'nb' ? `${p.day}. ${month} ${p.year}` : `${p.day} ${month} ${p.year}`;
}

/** Month names as the sources write them, for the citation check (full names and usual abbreviations). */
export const NORWEGIAN_MONTHS = MONTHS.nb;
