/**
 * The extraction ledger and coverage: which lines of each source document the map cites, which
 * were read and skipped on purpose (`graph-seed/ledger/*.yaml`, each range with its reason), and
 * which nobody has accounted for yet. Cited lines come from the map itself, so the ledger only
 * records what was left out and why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { SOURCE_DOCUMENTS, type SourceDocument } from '../schema/metamodel';
import { documentLines } from '../schema/validation';
import type { GraphMap } from '../schema/map';
import { documentLinesOf } from './sources';

export const LEDGER_DIR = fileURLToPath(new URL('./ledger/', import.meta.url));

const ledgerFileSchema = z
  .object({
    document: z.enum(SOURCE_DOCUMENTS),
    skipped: z
      .array(
        z
          .object({
            lines: z.string().regex(/^\d+(-\d+)?$/, 'must be "from-to" or "line"'),
            reason: z.string().trim().min(2).max(300),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export interface SkippedRange {
  document: SourceDocument;
  fromLine: number;
  toLine: number;
  reason: string;
  file: string;
}

/** Every ledger file's skipped ranges; problems name the file and entry. */
export function readLedger(dir: string = LEDGER_DIR): { skipped: SkippedRange[]; problems: string[] } {
  const skipped: SkippedRange[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const parsed = ledgerFileSchema.safeParse(parse(readFileSync(`${dir}/${file}`, 'utf8')));
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    const total = documentLinesOf(parsed.data.document).length;
    parsed.data.skipped.forEach((s, i) => {
      const [from = 0, to = from] = s.lines.split('-').map(Number);
      if (from < 1 || to < from || to > total) problems.push(`${file}: skipped.${i}: lines ${s.lines} are not within 1-${total}`);
      else skipped.push({ document: parsed.data.document, fromLine: from, toLine: to, reason: s.reason, file });
    });
  }
  return { skipped, problems };
}

/** Every document line range the map cites, from every record and every kind of source field. */
export function citedRanges(map: GraphMap): { document: string; fromLine: number; toLine: number }[] {
  const refs: string[] = [
    ...map.elements.flatMap((e) => [...e.sources, ...e.lifecycleSources, ...e.normativeLevelSources]),
    ...map.relationships.flatMap((r) => r.sources),
    ...map.gaps.flatMap((g) => g.sources),
    ...map.changes.flatMap((c) => c.sources),
    ...map.events.flatMap((e) => e.sources),
  ];
  return refs.map(documentLines).filter((d): d is NonNullable<typeof d> => d !== undefined);
}

export interface DocumentCoverage {
  document: SourceDocument;
  lines: number;
  cited: number;
  skipped: number;
  unread: number;
  /** Runs of lines neither cited nor skipped, as "from-to". */
  unreadRanges: string[];
}

export function coverage(map: GraphMap, skipped: readonly SkippedRange[]): DocumentCoverage[] {
  const cited = citedRanges(map);
  return SOURCE_DOCUMENTS.map((document) => {
    const total = documentLinesOf(document).length;
    const state = new Uint8Array(total + 1); // 0 unread, 1 skipped, 2 cited
    for (const s of skipped) if (s.document === document) for (let l = s.fromLine; l <= s.toLine; l++) state[l] = Math.max(state[l] ?? 0, 1);
    for (const c of cited) if (c.document === document) for (let l = c.fromLine; l <= Math.min(c.toLine, total); l++) state[l] = 2;
    let citedN = 0;
    let skippedN = 0;
    const unreadRanges: string[] = [];
    let runStart = 0;
    for (let l = 1; l <= total + 1; l++) {
      const s = l <= total ? state[l] : 2;
      if (s === 2) citedN += l <= total ? 1 : 0;
      if (s === 1) skippedN++;
      if (s === 0 && runStart === 0) runStart = l;
      if (s !== 0 && runStart !== 0) {
        unreadRanges.push(runStart === l - 1 ? `${runStart}` : `${runStart}-${l - 1}`);
        runStart = 0;
      }
    }
    return { document, lines: total, cited: citedN, skipped: skippedN, unread: total - citedN - skippedN, unreadRanges };
  });
}
