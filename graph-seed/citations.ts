/**
 * The citation check: does each cited line range say what the record it supports claims? Run
 * over a whole map, it checks by machine what a reviewer would check by opening the lines:
 * - an element's name, English name, an alias or an identifier occurs in each document range it cites;
 * - a relationship's cited lines name both its ends (a change's lines name its element, an event's
 *   lines the elements it concerns);
 * - every date occurs in the cited lines in some written form, or is a cited document's meeting date;
 * - a lifecycle other than ACTIVE and a normative level are given by the lines cited for them.
 * A record may carry a justified exception (`citationExceptions` / `citationException`); those are
 * counted, not failed. Public pages (https://…) are not fetched here: they are counted apart.
 */
import type { Lifecycle, NormativeLevel } from '../schema/metamodel';
import { partialDateParts, NORWEGIAN_MONTHS } from '../schema/dates';
import { documentLines, type ElementInput } from '../schema/validation';
import type { GraphMap } from '../schema/map';
import { DOCUMENT_DATES, DOCUMENT_YEARS, fold, isSourceDocument, linesText } from './sources';

export type CheckOutcome = 'ok' | 'exception' | 'failed' | 'public';

export interface CitationCheck {
  /** What was checked, e.g. "element kodeverk-snomed-ct names itself in 000_…:93-99". */
  what: string;
  outcome: CheckOutcome;
  /** For failures: what was looked for; for exceptions: the reason given. */
  detail?: string;
}

/** The lines of each document range among `refs`, as they are (public pages contribute nothing). */
function rangeTexts(refs: readonly string[]): string[] {
  return refs
    .map((ref) => documentLines(ref))
    .filter((d): d is NonNullable<typeof d> => d !== undefined && isSourceDocument(d.document))
    .map((d) => linesText(d.document as Parameters<typeof linesText>[0], d.fromLine, d.toLine));
}

const rawText = (refs: readonly string[]): string => rangeTexts(refs).join('\n|\n');

/** Folded text of the document ranges among `refs`, ranges kept apart by "|" so no name spans two. */
const citedText = (refs: readonly string[]): string => rangeTexts(refs).map(fold).join('|');

/** The meeting years of the documents `refs` cite: a date written without its year is in one of them. */
function documentYears(refs: readonly string[]): number[] {
  return refs.flatMap((ref) => {
    const d = documentLines(ref);
    return d !== undefined && isSourceDocument(d.document) ? DOCUMENT_YEARS[d.document] : [];
  });
}

/**
 * Whether folded `text` names something called one of `names`: the whole name, or — since slides
 * split a name over a heading and a column ("Dokumentdeling" … "Fastleger") — every word of three
 * letters or more of one of its names.
 */
export function namesIn(text: string, names: readonly string[], wordSets: readonly string[][]): boolean {
  return names.some((n) => text.includes(n)) || wordSets.some((words) => words.length > 1 && words.every((w) => text.includes(w)));
}

/** The significant words of each name, folded: "Dokumentdeling fastleger" → ["dokumentdeling", "fastleger"]. */
export function nameWords(e: Pick<ElementInput, 'name' | 'nameEn' | 'aliases'>): string[][] {
  return [e.name, e.nameEn, ...e.aliases].map((n) =>
    n
      .split(/[^\p{L}\p{N}]+/u)
      .map(fold)
      .filter((w) => w.length >= 3),
  );
}

/** The strings that name an element: names, aliases, identifier values, and names without their parentheses. */
export function namesOf(e: Pick<ElementInput, 'name' | 'nameEn' | 'aliases' | 'identifiers'>): string[] {
  const raw = [e.name, e.nameEn, ...e.aliases, ...e.identifiers.map((i) => i.slice(i.indexOf(':') + 1))];
  for (const n of [e.name, e.nameEn]) {
    const bare = n.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (bare !== n) raw.push(bare);
    for (const m of n.matchAll(/\(([^)]+)\)/g)) raw.push(m[1] ?? '');
  }
  return [...new Set(raw.map(fold).filter((n) => n.length >= 2))];
}

const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The folded written forms a date can take in the sources ("15. oktober 2024", "15.10.2024", "Q3 2021", …). */
export function writtenForms(date: string): { full: string[]; withoutYear: string[]; year: string } {
  const p = partialDateParts(date);
  if (!p) return { full: [], withoutYear: [], year: '' };
  const y = String(p.year);
  if (p.quarter !== undefined) return { full: [`q${p.quarter}${y}`, `${p.quarter}kvartal${y}`, `kvartal${p.quarter}${y}`], withoutYear: [], year: y };
  if (p.month === undefined) return { full: [y], withoutYear: [], year: y };
  const m = p.month;
  const mm = String(m).padStart(2, '0');
  const names = [NORWEGIAN_MONTHS[m - 1] ?? '', MONTH_ABBREVIATIONS[m - 1] ?? '', ENGLISH_MONTHS[m - 1] ?? ''].map(fold);
  if (p.day === undefined) return { full: [...names.map((n) => `${n}${y}`), `${mm}${y}`, `${m}${y}`], withoutYear: [], year: y };
  const d = p.day;
  const dd = String(d).padStart(2, '0');
  const dayMonth = [...names.map((n) => `${d}${n}`), ...names.map((n) => `${dd}${n}`), `${d}${m}`, `${dd}${mm}`];
  return {
    full: [...dayMonth.map((x) => `${x}${y}`), `${y}${mm}${dd}`, `${d}${m}${y.slice(2)}`, `${dd}${mm}${y.slice(2)}`],
    withoutYear: dayMonth.filter((x) => /[a-z]/.test(x)),
    year: y,
  };
}

/**
 * Whether the lines write the date: in full ("15. oktober 2024", "15.10.2024"), or without its
 * year ("15. oktober", "15.10", "24. april") when the year is elsewhere in the lines or is the
 * year of the meeting the document records (`years`). `text` is folded; `raw` the lines as they are.
 */
export function writesDate(text: string, date: string, raw = '', years: readonly number[] = []): boolean {
  const forms = writtenForms(date);
  if (forms.full.some((f) => text.includes(f))) return true;
  const yearKnown = text.includes(forms.year) || years.includes(Number(forms.year));
  if (!yearKnown) return false;
  if (forms.withoutYear.some((f) => text.includes(f))) return true;
  const p = partialDateParts(date);
  if (p?.day === undefined || p.month === undefined) return false;
  // "15.10", "5.9.", "25.2.21": day and month as numbers, a two-digit year at most.
  const numeric = new RegExp(`(^|[^0-9.])0?${p.day}\\.\\s?0?${p.month}(\\.(${String(p.year).slice(2)})?)?(?![0-9])`);
  return numeric.test(raw);
}

function isMeetingDate(refs: readonly string[], date: string): boolean {
  return refs.some((ref) => {
    const d = documentLines(ref);
    return d !== undefined && isSourceDocument(d.document) && DOCUMENT_DATES[d.document].some((m) => m.date === date);
  });
}

/** Folded word stems that say a lifecycle; ACTIVE is the default and needs none. */
export const LIFECYCLE_WORDS: Record<Exclude<Lifecycle, 'ACTIVE'>, string[]> = {
  PROPOSED: ['forslag', 'foresla', 'horing', 'prop', 'utkast', 'planlag', 'utred', 'vurder', 'innspill', 'kandidat', 'proposal', 'proposed'],
  TRIAL: ['utprov', 'pilot', 'test', 'trial'],
  INTRODUCING: ['innfor', 'innfas', 'etabler', 'utrull', 'implement', 'tasibruk', 'tattibruk', 'utvikl', 'utbred'],
  PHASING_OUT: ['utfas', 'avvikl', 'erstatt', 'faseut', 'fasesut'],
  EXPIRED: ['utgatt', 'opphevet', 'avviklet', 'erstattet', 'nedlagt', 'ugyldig'],
  WITHDRAWN: ['trukket', 'trekke', 'withdrawn'],
};

/** Folded word stems that say a normative level. */
export const NORMATIVE_WORDS: Record<NormativeLevel, string[]> = {
  NOT_NORMATIVE: ['ikkenormert', 'ikkenormerende'],
  GUIDE: ['veileder', 'veiledning'],
  GUIDELINE: ['retningslinje'],
  RECOMMENDED: ['anbefal'],
  MANDATORY: ['obligatorisk', 'pabud', 'forskrift', 'skalbrukes'],
};

const hasDocumentRef = (refs: readonly string[]) => refs.some((r) => documentLines(r) !== undefined);

/** Every check over the whole map, in record order. */
export function checkCitations(map: GraphMap): CitationCheck[] {
  const checks: CitationCheck[] = [];
  const byId = new Map(map.elements.map((e) => [e.id, e]));
  const names = new Map(map.elements.map((e) => [e.id, namesOf(e)]));
  const words = new Map(map.elements.map((e) => [e.id, nameWords(e)]));
  const named = (text: string, id: string) => namesIn(text, names.get(id) ?? [], words.get(id) ?? []);

  const dateCheck = (what: string, date: string | undefined, refs: readonly string[], exception: string | undefined) => {
    if (!date) return;
    if (!hasDocumentRef(refs)) return void checks.push({ what, outcome: 'public' });
    if (writesDate(citedText(refs), date, rawText(refs), documentYears(refs)) || isMeetingDate(refs, date)) return void checks.push({ what, outcome: 'ok' });
    checks.push(
      exception ? { what, outcome: 'exception', detail: exception } : { what, outcome: 'failed', detail: `no written form of ${date} in the cited lines` },
    );
  };

  for (const e of map.elements) {
    const exceptions = new Map(e.citationExceptions.map((x) => [x.source, x.reason]));
    for (const ref of e.sources) {
      const what = `element ${e.id} is named in ${ref}`;
      if (!documentLines(ref)) {
        checks.push({ what, outcome: 'public' });
        continue;
      }
      const reason = exceptions.get(ref);
      const dateExcused = (e.statusDate ?? e.validFrom ?? e.validTo) !== undefined;
      if (named(citedText([ref]), e.id) && reason && !dateExcused)
        checks.push({ what, outcome: 'failed', detail: 'has a citation exception it does not need: the lines name it (remove the exception)' });
      else if (named(citedText([ref]), e.id)) checks.push({ what, outcome: 'ok' });
      else if (reason) checks.push({ what, outcome: 'exception', detail: reason });
      else checks.push({ what, outcome: 'failed', detail: `none of: ${[e.name, e.nameEn, ...e.aliases].join(' | ')}` });
    }
    const anyException = e.citationExceptions[0]?.reason;
    dateCheck(`element ${e.id} statusDate`, e.statusDate, e.sources, anyException);
    dateCheck(`element ${e.id} validFrom`, e.validFrom, e.sources, anyException);
    dateCheck(`element ${e.id} validTo`, e.validTo, e.sources, anyException);
    if (e.lifecycle !== 'ACTIVE') {
      const what = `element ${e.id} lifecycle ${e.lifecycle}`;
      const words = LIFECYCLE_WORDS[e.lifecycle];
      if (!hasDocumentRef(e.lifecycleSources)) checks.push({ what, outcome: 'public' });
      else if (words.some((w) => citedText(e.lifecycleSources).includes(w))) checks.push({ what, outcome: 'ok' });
      else checks.push({ what, outcome: 'failed', detail: `lifecycleSources say none of ${words.join(', ')}` });
    }
    if (e.normativeLevel) {
      const what = `element ${e.id} normative level ${e.normativeLevel}`;
      const words = NORMATIVE_WORDS[e.normativeLevel];
      if (!hasDocumentRef(e.normativeLevelSources)) checks.push({ what, outcome: 'public' });
      else if (words.some((w) => citedText(e.normativeLevelSources).includes(w))) checks.push({ what, outcome: 'ok' });
      else checks.push({ what, outcome: 'failed', detail: `normativeLevelSources say none of ${words.join(', ')}` });
    }
  }

  const endsCheck = (what: string, ids: readonly string[], refs: readonly string[], exception: string | undefined) => {
    if (!hasDocumentRef(refs)) return void checks.push(refs.length ? { what, outcome: 'public' } : { what, outcome: 'failed', detail: 'cites no lines' });
    const text = citedText(refs);
    const missing = ids.filter((id) => byId.has(id) && !named(text, id));
    if (missing.length === 0) checks.push({ what, outcome: 'ok' });
    else if (exception) checks.push({ what, outcome: 'exception', detail: exception });
    else checks.push({ what, outcome: 'failed', detail: `not named: ${missing.map((id) => `${id} (${byId.get(id)?.name ?? ''})`).join(', ')}` });
  };

  /** A record's exception must excuse something: flag one whose checks all pass without it. */
  const excuses = (what: string, exception: string | undefined, run: () => void) => {
    const before = checks.length;
    run();
    if (exception && !checks.slice(before).some((c) => c.outcome === 'exception')) {
      checks.push({ what, outcome: 'failed', detail: 'has a citation exception it does not need: its lines pass (remove the exception)' });
    }
  };

  for (const r of map.relationships)
    excuses(`relationship ${r.from} ${r.type} ${r.to}`, r.citationException, () => {
      endsCheck(`relationship ${r.from} ${r.type} ${r.to} names both ends`, [r.from, r.to], r.sources, r.citationException);
      dateCheck(`relationship ${r.from} ${r.type} ${r.to} validFrom`, r.validFrom, r.sources, r.citationException);
      dateCheck(`relationship ${r.from} ${r.type} ${r.to} validTo`, r.validTo, r.sources, r.citationException);
    });
  for (const c of map.changes)
    excuses(`change ${c.id}`, c.citationException, () => {
      endsCheck(`change ${c.id} names ${c.element}`, [c.element], c.sources, c.citationException);
      dateCheck(`change ${c.id} due`, c.due, c.sources, c.citationException);
      dateCheck(`change ${c.id} completedAt`, c.completedAt, c.sources, c.citationException);
    });
  for (const g of map.gaps)
    excuses(`gap ${g.id}`, g.citationException, () => {
      dateCheck(`gap ${g.id} identifiedAt`, g.identifiedAt, g.sources, g.citationException);
      dateCheck(`gap ${g.id} resolvedAt`, g.resolvedAt, g.sources, g.citationException);
    });
  for (const ev of map.events)
    excuses(`event ${ev.id}`, ev.citationException, () => {
      dateCheck(`event ${ev.id} date`, ev.date, ev.sources, ev.citationException);
      if (ev.elements.length > 0) endsCheck(`event ${ev.id} names what it concerns`, ev.elements, ev.sources, ev.citationException);
    });
  return checks;
}

export interface CitationSummary {
  checks: number;
  ok: number;
  exceptions: number;
  failed: number;
  public: number;
}

export function summarise(checks: readonly CitationCheck[]): CitationSummary {
  const count = (o: CheckOutcome) => checks.filter((c) => c.outcome === o).length;
  return { checks: checks.length, ok: count('ok'), exceptions: count('exception'), failed: count('failed'), public: count('public') };
}
