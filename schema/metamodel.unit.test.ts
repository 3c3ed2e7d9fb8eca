import { describe, expect, it } from 'vitest';
import {
  DEPENDENCY_TYPES,
  HEAT_STATUS_IDS,
  KINDS,
  KIND_GROUPS,
  KIND_IDS,
  kindsIn,
  LAYER_IDS,
  NORMATIVE_LEVEL_IDS,
  RELATIONSHIPS,
  relationshipAllowed,
} from './metamodel';

describe('metamodel', () => {
  it('has the four layers in slide order', () => {
    expect(LAYER_IDS).toEqual(['LEGAL', 'ORGANISATIONAL', 'SEMANTIC', 'TECHNICAL']);
  });

  it('has the element kinds of slide 111, plus measures and actors outside it', () => {
    const slide = [
      'Lov og forskrift',
      'Avtale',
      'Rundskriv, veiledning og fortolkning',
      'Risikovurdering og DPIA',
      'Krav og prinsipper',
      'Styring og forvaltning',
      'Organisatorisk samhandlingsform',
      'Arbeidsprosess',
      'Aktørtype',
      'Informasjonstjeneste',
      'Kodeverk og terminologi',
      'Informasjonsmodell',
      'Innholdsstandard',
      'Teknisk standard',
      'Teknisk grensesnitt',
      'Teknisk samhandlingsform',
      'Samhandlingskomponent',
      'Nasjonal e-helseløsning',
      'Informasjonslager',
      'Klinisk fagsystem',
    ];
    expect(KIND_IDS.filter((k) => KINDS[k].inMetamodel).map((k) => KINDS[k].nb)).toEqual(expect.arrayContaining(slide));
    expect(KIND_IDS.filter((k) => !KINDS[k].inMetamodel)).toEqual(expect.arrayContaining(['ACTOR', 'MEASURE']));
  });

  it('puts every kind in a group, and derives the groups the rules use from it', () => {
    for (const k of KIND_IDS) expect(KIND_GROUPS, k).toContain(KINDS[k].group);
    expect(kindsIn('standard')).toEqual(expect.arrayContaining(['CODE_SYSTEM', 'TECHNICAL_STANDARD']));
    for (const s of kindsIn('standard')) expect(relationshipAllowed('USES', s, 'CODE_SYSTEM'), s).toBe(true);
    for (const r of kindsIn('regulation')) expect(relationshipAllowed('REGULATES', r, 'NATIONAL_SOLUTION'), r).toBe(true);
  });

  it('gives every kind distinct labels, id prefixes and Neo4j labels, and at least one layer', () => {
    for (const field of ['nb', 'en', 'idPrefix', 'neo4jLabel'] as const) {
      const values = KIND_IDS.map((k) => KINDS[k][field]);
      expect(new Set(values).size, field).toBe(values.length);
    }
    for (const k of KIND_IDS) expect(KINDS[k].layers.length, k).toBeGreaterThan(0);
    expect(KIND_IDS.map((k) => KINDS[k].neo4jLabel).every((l) => /^[A-Z][A-Za-z]+$/.test(l))).toBe(true);
  });

  it('allows the relationships the plan describes and refuses others', () => {
    expect(relationshipAllowed('REGULATES', 'LAW', 'NATIONAL_SOLUTION')).toBe(true);
    expect(relationshipAllowed('APPLIES_TO', 'CODE_SYSTEM', 'INFORMATION_SERVICE')).toBe(true);
    expect(relationshipAllowed('PART_OF', 'INFORMATION_SERVICE', 'WORK_PROCESS')).toBe(true);
    expect(relationshipAllowed('REALIZES', 'NATIONAL_SOLUTION', 'INFORMATION_SERVICE')).toBe(true);
    expect(relationshipAllowed('PART_OF', 'INTEROPERABILITY_COMPONENT', 'NATIONAL_SOLUTION')).toBe(true);
    expect(relationshipAllowed('REPLACES', 'TECHNICAL_STANDARD', 'TECHNICAL_STANDARD')).toBe(true);
    expect(relationshipAllowed('APPLIES_TO', 'WORK_PROCESS', 'INFORMATION_SERVICE')).toBe(false);
    expect(relationshipAllowed('REGULATES', 'CODE_SYSTEM', 'LAW')).toBe(false);
    expect(relationshipAllowed('PART_OF', 'LAW', 'WORK_PROCESS')).toBe(false);
  });

  it('layers only APPLIES_TO, and splits dependency types by direction without overlap', () => {
    expect(
      Object.entries(RELATIONSHIPS)
        .filter(([, d]) => d.layered)
        .map(([t]) => t),
    ).toEqual(['APPLIES_TO']);
    expect(DEPENDENCY_TYPES.forward).toContain('REGULATES');
    expect(DEPENDENCY_TYPES.backward).toContain('BASED_ON');
    expect(DEPENDENCY_TYPES.forward.filter((t) => DEPENDENCY_TYPES.backward.includes(t))).toEqual([]);
  });

  it('has the heat-map statuses of slide 113 and the five normative levels', () => {
    expect(HEAT_STATUS_IDS).toEqual(['EXISTS', 'CHANGES_PLANNED', 'UNMET_NEED', 'PHASE_OUT']);
    expect(NORMATIVE_LEVEL_IDS).toEqual(['NOT_NORMATIVE', 'GUIDE', 'GUIDELINE', 'RECOMMENDED', 'MANDATORY']);
  });
});
