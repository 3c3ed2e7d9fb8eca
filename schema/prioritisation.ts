/**
 * The prioritisation model of the national measures, as 001's spreadsheet (Nasjonalt e-helseråd,
 * 21 September 2022, lines 1-305) lays it out: three groups, each with its criteria, and
 * Score = Måloppnåelse + Kostnader + Nytte. The measures' own figures live in the graph (each
 * measure's `scores`); the API computes the score from them with `computeScore`, and a test
 * checks it against the spreadsheet's Score for every measure. Criterion names are those the
 * seed uses for the sheet's rows.
 */
const SHEET = '001_ed14ab0044702118.txt';

export interface CriterionDef {
  readonly name: string;
  readonly nameEn: string;
  /** The group it is scored under; undefined for the three groups themselves. */
  readonly group?: string;
  /** The scale, where the sheet states one (only the cost rows carry a comment saying it). */
  readonly scale?: string;
  readonly sources: readonly string[];
}

export const PRIORITISATION_GROUPS = ['Måloppnåelse', 'Kostnader (10 = lite kompleks)', 'Nytte'] as const;

export const PRIORITISATION = {
  formula: 'Score = Måloppnåelse + Kostnader + Nytte',
  sources: [`${SHEET}:9-34`, `${SHEET}:44-76`],
  groups: [
    { name: 'Måloppnåelse', nameEn: 'Goal attainment', sources: [`${SHEET}:44-44`] },
    {
      name: 'Kostnader (10 = lite kompleks)',
      nameEn: 'Costs (10 = not complex)',
      scale: '0–10: «10 lite komplekts - 0 ekstremt komplekst»',
      sources: [`${SHEET}:50-50`, `${SHEET}:94-101`],
    },
    { name: 'Nytte', nameEn: 'Benefit', sources: [`${SHEET}:60-60`] },
  ],
  criteria: [
    { name: 'Realiserer informasjonsbehov/tjenester', nameEn: 'Realises information needs/services', group: 'Måloppnåelse', sources: [`${SHEET}:46-46`] },
    { name: 'Samsvar med sektorens prioriteringer', nameEn: "Fits the sector's priorities", group: 'Måloppnåelse', sources: [`${SHEET}:48-48`] },
    { name: 'Teknisk kompleksitet', nameEn: 'Technical complexity', group: 'Kostnader (10 = lite kompleks)', sources: [`${SHEET}:52-52`] },
    { name: 'Organisatorisk kompleksitet', nameEn: 'Organisational complexity', group: 'Kostnader (10 = lite kompleks)', sources: [`${SHEET}:54-54`] },
    { name: 'Juridisk utvikling', nameEn: 'Legal development', group: 'Kostnader (10 = lite kompleks)', sources: [`${SHEET}:56-56`] },
    { name: 'Semantisk utvikling', nameEn: 'Semantic development', group: 'Kostnader (10 = lite kompleks)', sources: [`${SHEET}:58-58`] },
    { name: 'Nytte for pasient', nameEn: 'Benefit for patients', group: 'Nytte', sources: [`${SHEET}:62-62`] },
    { name: 'Pasientsikkerhet', nameEn: 'Patient safety', group: 'Nytte for pasient', sources: [`${SHEET}:64-64`] },
    { name: 'Enklere hverdag for innbyggere', nameEn: 'Easier everyday life for citizens', group: 'Nytte for pasient', sources: [`${SHEET}:66-66`] },
    { name: 'Nytte for helsepersonell', nameEn: 'Benefit for health personnel', group: 'Nytte', sources: [`${SHEET}:68-68`] },
    { name: 'Enklere arbeidshverdag', nameEn: 'Easier working day', group: 'Nytte for helsepersonell', sources: [`${SHEET}:70-70`] },
    { name: 'Tryggere beslutninger', nameEn: 'Safer decisions', group: 'Nytte for helsepersonell', sources: [`${SHEET}:72-72`] },
    { name: 'Realisere sentral infrastruktur', nameEn: 'Realises central infrastructure', group: 'Nytte', sources: [`${SHEET}:74-74`] },
  ],
} as const satisfies { formula: string; sources: readonly string[]; groups: readonly CriterionDef[]; criteria: readonly CriterionDef[] };

/**
 * The score by the formula, from a measure's group values, to the sheet's one decimal; null
 * when a group value is missing (the sheet shows #DIV/0! for a measure without figures).
 */
export function computeScore(scores: readonly { criterion: string; value: number }[]): number | null {
  let sum = 0;
  for (const group of PRIORITISATION_GROUPS) {
    const s = scores.find((x) => x.criterion === group);
    if (!s || !Number.isFinite(s.value)) return null;
    sum += s.value;
  }
  return Math.round(sum * 10) / 10;
}

/**
 * Competition ranking by computed score (equal scores share a rank, as 18.2 and 18.2 do in the
 * sheet, which orders them without saying why). Measures without a score get no rank.
 */
export function computeRanks(measures: readonly { id: string; computedScore: number | null }[]): Map<string, number> {
  const scored = measures.filter((m): m is { id: string; computedScore: number } => m.computedScore !== null);
  return new Map(scored.map((m) => [m.id, 1 + scored.filter((o) => o.computedScore > m.computedScore).length]));
}
