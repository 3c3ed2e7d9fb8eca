/**
 * The prioritisation model (schema/prioritisation.ts) against 001's spreadsheet as the seed
 * records it: the formula reproduces every measure's Score, the competition ranking reproduces
 * the overall order (ties aside), and every criterion the model names is one the measures carry.
 */
import { describe, expect, it } from 'vitest';
import { computeRanks, computeScore, PRIORITISATION } from '../schema/prioritisation';
import { documentLines } from '../schema/validation';
import { readSeedDirectory } from '../store/map-files';
import { fold, linesText } from './sources';

const measures = readSeedDirectory().elements.filter((e) => e.kind === 'MEASURE' && e.score !== undefined);

describe('prioritisation model', () => {
  it('Score = Måloppnåelse + Kostnader + Nytte reproduces the spreadsheet for every ranked measure', () => {
    const ranked = measures.filter((m) => m.rank !== undefined);
    expect(ranked.length).toBe(11);
    for (const m of ranked) expect(computeScore(m.scores), m.id).toBe(m.score);
  });

  it("where the sheet's own Score does not follow its formula, the measure carries a note saying so", () => {
    const off = measures.filter((m) => computeScore(m.scores) !== m.score);
    // Felles hjelpenummer: the sheet gives 25.75, but 4 + 7.25 + 4.5 = 15.75 (001 lines 183-217); it is unranked.
    expect(off.map((m) => m.id)).toEqual(['tiltak-felles-hjelpenummer']);
    for (const m of off)
      expect(
        m.notes.some((n) => n.includes('Måloppnåelse + Kostnader + Nytte')),
        m.id,
      ).toBe(true);
  });

  it('ranking by computed score gives the overall order; equal scores share a rank', () => {
    const ranked = measures.filter((m) => m.rank !== undefined);
    const ranks = computeRanks(ranked.map((m) => ({ id: m.id, computedScore: computeScore(m.scores) })));
    for (const m of ranked) {
      const ties = ranked.filter((o) => o.score === m.score).map((o) => o.rank ?? 0);
      // The sheet orders equal scores without saying why: the computed rank is the best of the tied ranks.
      expect(ranks.get(m.id), m.id).toBe(Math.min(...ties));
    }
  });

  it('names criteria the measures carry, each cited at a line of 001 that names it', () => {
    const carried = new Set(measures.flatMap((m) => m.scores.map((s) => s.criterion)));
    for (const c of [...PRIORITISATION.groups, ...PRIORITISATION.criteria]) {
      expect(carried.has(c.name), c.name).toBe(true);
      const text = c.sources
        .map((ref) => {
          const d = documentLines(ref);
          return d ? fold(linesText('001_ed14ab0044702118.txt', d.fromLine, d.toLine)) : '';
        })
        .join('|');
      // The sheet asks questions ("I hvor stor grad er tiltaket teknisk komplekst?"): a key word of the name is there.
      const key = fold(c.name.split(/[\s/(]/).find((w) => w.length > 5) ?? c.name).slice(0, 6);
      expect(text, `${c.name} at ${c.sources.join(', ')}`).toContain(key);
    }
  });
});
