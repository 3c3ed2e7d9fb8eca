/**
 * The citation check over the real seed (no database): every cited range says what its record
 * claims, every date is written in its lines, statuses and levels are given by their lines; and
 * the checker itself catches the kinds of error a reviewer found in earlier versions of the map.
 */
import { describe, expect, it } from 'vitest';
import type { ElementInput } from '../schema/validation';
import { checkCitations, summarise, writesDate } from './citations';
import { coverage, readLedger } from './coverage';
import { emptyMap } from '../schema/map';
import { readSeedDirectory } from '../store/map-files';
import { documentLinesOf, fold } from './sources';

const seed = readSeedDirectory();

describe('citations in the seed', () => {
  const checks = checkCitations(seed);
  const summary = summarise(checks);

  it('every cited range supports its record (exceptions counted, under 2 %)', () => {
    const failed = checks.filter((c) => c.outcome === 'failed').map((c) => `${c.what}: ${c.detail ?? ''}`);
    console.log(
      `citation checks: ${summary.checks} (${summary.ok} ok, ${summary.exceptions} exceptions = ${((100 * summary.exceptions) / summary.checks).toFixed(2)} %, ${summary.public} from public pages, ${summary.failed} failed)`,
    );
    for (const c of checks.filter((x) => x.outcome === 'exception')) console.log(`  exception: ${c.what}: ${c.detail ?? ''}`);
    expect(failed).toEqual([]);
    expect(summary.exceptions / summary.checks).toBeLessThan(0.02);
  });

  it('one real-world thing is one element: no two elements share a name or an alias', () => {
    const owner = new Map<string, { id: string; kind: string }>();
    const clashes: string[] = [];
    for (const e of seed.elements) {
      for (const n of new Set([e.name, ...e.aliases].map(fold))) {
        const other = owner.get(n);
        // A measure may carry the name of what it delivers ("PLL" the measure, PLL the solution).
        const measureAndDelivery = other && (other.kind === 'MEASURE') !== (e.kind === 'MEASURE');
        if (other && other.id !== e.id && !measureAndDelivery) clashes.push(`${e.id} and ${other.id} are both called "${n}"`);
        owner.set(n, { id: e.id, kind: e.kind });
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('the extraction ledger', () => {
  it('every line of the five documents is cited or read and skipped with a reason', () => {
    const { skipped, problems } = readLedger();
    expect(problems).toEqual([]);
    const report = coverage(seed, skipped);
    for (const c of report) {
      console.log(`${c.document}: ${c.lines} lines, cited ${c.cited}, skipped ${c.skipped}, unread ${c.unread}`);
    }
    expect(report.filter((c) => c.unread > 0).map((c) => `${c.document}: unread ${c.unreadRanges.join(', ')}`)).toEqual([]);
  });
});

describe('the checker', () => {
  const element = (over: Partial<ElementInput>): ElementInput => ({
    id: 'kodeverk-snomed-ct',
    kind: 'CODE_SYSTEM',
    name: 'SNOMED CT',
    nameEn: 'SNOMED CT',
    layers: ['SEMANTIC'],
    description: 'x',
    lifecycle: 'ACTIVE',
    identifiers: [],
    aliases: [],
    sources: [],
    lifecycleSources: [],
    normativeLevelSources: [],
    citationExceptions: [],
    notes: [],
    scores: [],
    ...over,
  });
  const run = (e: ElementInput) => checkCitations({ ...emptyMap(), elements: [e] });

  it('fails an element whose lines do not name it, and passes the lines that do', () => {
    // An earlier seed cited 000:93-99 for SNOMED CT; the lines that name it are elsewhere.
    const wrong = run(element({ sources: ['000_f2df908f005f8421.txt:93-99'] }));
    expect(wrong.map((c) => c.outcome)).toEqual(['failed']);
    const lines = documentLinesOf('000_f2df908f005f8421.txt');
    const at = lines.findIndex((l) => /snomed/i.test(l)) + 1;
    expect(at).toBeGreaterThan(0);
    expect(run(element({ sources: [`000_f2df908f005f8421.txt:${at}-${at}`] })).map((c) => c.outcome)).toEqual(['ok']);
  });

  it('counts a justified exception instead of failing it', () => {
    const ref = '000_f2df908f005f8421.txt:93-99';
    expect(run(element({ sources: [ref], citationExceptions: [{ source: ref, reason: 'named in the slide title, line 90' }] })).map((c) => c.outcome)).toEqual([
      'exception',
    ]);
  });

  it('fails a status its lines do not give', () => {
    const checks = run(
      element({
        sources: ['000_f2df908f005f8421.txt:93-99'],
        lifecycle: 'WITHDRAWN',
        lifecycleSources: ['000_f2df908f005f8421.txt:93-99'],
        citationExceptions: [{ source: '000_f2df908f005f8421.txt:93-99', reason: 'for this test only' }],
      }),
    );
    expect(checks.find((c) => c.what.includes('lifecycle'))?.outcome).toBe('failed');
  });

  it('reads dates as the sources write them, and no more precisely', () => {
    const f = (s: string) => fold(s);
    expect(writesDate(f('rapport til HOD 15. oktober 2024'), '2024-10-15')).toBe(true);
    expect(writesDate(f('innen 1.1.2027'), '2027-01-01')).toBe(true);
    expect(writesDate(f('planlagt fra Q3 2021'), '2021-Q3')).toBe(true);
    expect(writesDate(f('i løpet av 2024'), '2024')).toBe(true);
    // A year in the lines does not support a day nobody wrote.
    expect(writesDate(f('i løpet av 2024'), '2024-12-31')).toBe(false);
    expect(writesDate(f('frem mot 2030'), '2030-12-31')).toBe(false);
  });
});
