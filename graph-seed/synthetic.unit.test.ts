import { describe, expect, it } from 'vitest';
import { KIND_IDS, LAYER_IDS } from '../schema/metamodel';
import { toCsv } from './csv';
import { checkMap } from '../schema/map';
import { generateSyntheticMap } from './synthetic';

describe('synthetic maps', () => {
  const map = generateSyntheticMap({ elements: 5000, seed: 7 });

  it('are valid maps of the requested size, the same for the same seed', () => {
    expect(checkMap(map)).toEqual([]);
    expect(map.elements.length).toBe(5000);
    expect(generateSyntheticMap({ elements: 5000, seed: 7 })).toEqual(map);
    expect(generateSyntheticMap({ elements: 5000, seed: 8 })).not.toEqual(map);
  });

  it('have the real map shape: about ten relationships per element, every layer, nearly every kind, skewed services of realistic size', () => {
    const perElement = map.relationships.length / map.elements.length;
    expect(perElement).toBeGreaterThan(8);
    expect(perElement).toBeLessThan(12);
    const kinds = new Set(map.elements.map((e) => e.kind));
    expect(KIND_IDS.filter((k) => !kinds.has(k))).toEqual(['CLINICAL_SYSTEM']);
    const rows = new Set(map.relationships.filter((r) => r.type === 'APPLIES_TO').map((r) => r.layer));
    expect([...rows].sort()).toEqual([...LAYER_IDS].sort());
    const degree = new Map<string, number>();
    for (const r of map.relationships) if (r.type === 'APPLIES_TO') degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    expect(sorted[0]!).toBeGreaterThan(2 * sorted[sorted.length - 1]!);
    // Heat maps of tens to hundreds of cells (Journaldokumenter has 43), not thousands.
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(30);
    expect(median).toBeLessThan(200);
    expect(sorted[0]!).toBeLessThan(1000);
    expect(map.elements.every((e) => e.id.includes('-syn-') && e.notes.length === 1)).toBe(true);
  });
});

describe('CSV', () => {
  it('quotes separators and quotes, joins lists, and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          [['one', 'two'], '=HYPERLINK("evil")'],
          [null, 3],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\none; two,"\'=HYPERLINK(""evil"")"\r\n,3\r\n');
  });
});
