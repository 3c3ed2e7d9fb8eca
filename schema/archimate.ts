/**
 * The metamodel in ArchiMate 3.1 terms: which ArchiMate element type each kind (and each gap,
 * planned change and event) becomes, and which ArchiMate relationship each relationship type
 * becomes between two given element types. The ArchiMate export and import (store/archimate.ts)
 * and docs/archimate.md follow this table; a kind's own id and properties travel as properties,
 * so the ArchiMate type only needs to be a faithful approximation.
 */
import { KIND_IDS, RELATIONSHIP_TYPES, type Kind, type RelationshipType } from './metamodel';

/** The ArchiMate element types this mapping uses. */
export type ArchimateElementType =
  | 'Constraint'
  | 'Contract'
  | 'Principle'
  | 'Assessment'
  | 'Requirement'
  | 'BusinessFunction'
  | 'BusinessInteraction'
  | 'BusinessProcess'
  | 'BusinessRole'
  | 'BusinessActor'
  | 'BusinessObject'
  | 'Representation'
  | 'BusinessEvent'
  | 'ApplicationService'
  | 'ApplicationInterface'
  | 'ApplicationInteraction'
  | 'ApplicationComponent'
  | 'DataObject'
  | 'TechnologyInterface'
  | 'Node'
  | 'Artifact'
  | 'WorkPackage'
  | 'Gap';

/**
 * Kind → ArchiMate element type. Norms that oblige (laws, guidance, requirements) are motivation
 * elements; what runs is application or technology; measures are work packages. Two kinds share
 * ApplicationComponent: a new ApplicationComponent drawn in Archi is read as the first of them
 * (NATIONAL_SOLUTION) unless it carries a `kind` property.
 */
export const ARCHIMATE_ELEMENT_TYPES = {
  LAW: 'Constraint',
  AGREEMENT: 'Contract',
  GUIDANCE: 'Principle',
  RISK_ASSESSMENT: 'Assessment',
  REQUIREMENT: 'Requirement',
  GOVERNANCE: 'BusinessFunction',
  ORGANISATIONAL_INTERACTION_FORM: 'BusinessInteraction',
  WORK_PROCESS: 'BusinessProcess',
  ACTOR_TYPE: 'BusinessRole',
  INFORMATION_SERVICE: 'ApplicationService',
  CODE_SYSTEM: 'BusinessObject',
  INFORMATION_MODEL: 'DataObject',
  CONTENT_STANDARD: 'Representation',
  TECHNICAL_STANDARD: 'TechnologyInterface',
  TECHNICAL_INTERFACE: 'ApplicationInterface',
  TECHNICAL_INTERACTION_FORM: 'ApplicationInteraction',
  INTEROPERABILITY_COMPONENT: 'Node',
  NATIONAL_SOLUTION: 'ApplicationComponent',
  INFORMATION_STORE: 'Artifact',
  CLINICAL_SYSTEM: 'ApplicationComponent',
  MEASURE: 'WorkPackage',
  ACTOR: 'BusinessActor',
} as const satisfies Record<Kind, ArchimateElementType>;

/** The records beside elements, as ArchiMate elements: gaps are Gaps, planned changes work packages, events business events. */
export const ARCHIMATE_RECORD_TYPES = { gap: 'Gap', change: 'WorkPackage', event: 'BusinessEvent' } as const satisfies Record<string, ArchimateElementType>;
export type MapRecord = keyof typeof ARCHIMATE_RECORD_TYPES;

/** The kind a new element of an ArchiMate type is read as, when it has no `kind` property: the first in table order. */
export function kindForArchimateType(type: string): Kind | undefined {
  return KIND_IDS.find((k) => ARCHIMATE_ELEMENT_TYPES[k] === type);
}

export type ArchimateRelationshipType = 'Association' | 'Influence' | 'Realization' | 'Serving' | 'Assignment' | 'Aggregation' | 'Composition';

/**
 * Which ArchiMate relationships ArchiMate 3.1 allows between the element types above (Appendix B
 * of the specification, as Archi's relationships.xml tabulates it), one letter per relationship:
 * a access, c composition, f flow, g aggregation, i assignment, n influence, o association,
 * r realization, s specialization, t triggering, v serving. Only the types used here are listed.
 */
const T: readonly ArchimateElementType[] = [
  'ApplicationComponent',
  'ApplicationInteraction',
  'ApplicationInterface',
  'ApplicationService',
  'Artifact',
  'Assessment',
  'BusinessActor',
  'BusinessEvent',
  'BusinessFunction',
  'BusinessInteraction',
  'BusinessObject',
  'BusinessProcess',
  'BusinessRole',
  'Constraint',
  'Contract',
  'DataObject',
  'Gap',
  'Node',
  'Principle',
  'Representation',
  'Requirement',
  'TechnologyInterface',
  'WorkPackage',
];
/** Row = source type (in T's order), columns = target types (in T's order), separated by spaces. */
const RULES: readonly string[] = [
  'cfgorstv fiortv cfgortv fiortv ao no fotv fortv fortv fortv ao fortv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv cfgostv fotv fortv ao no fotv fotv fortv fortv ao fortv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv fotv cfgostv fiotv ao no fotv fotv fotv fotv ao fotv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv fotv fotv cfgostv ao no fotv fotv fotv fotv ao fotv fotv nor ao ao o fotv nor ao nor fotv o',
  'or or or or cgors no o or or or or or o nor or or o o nor o nor or o',
  'o o o o o cgnos o o o o o o o no o o o o no o no o o',
  'fotv fotv fotv fotv ao no cfgostv fiotv fiotv fiotv ao fiotv fiotv nor ao ao o fotv nor ao nor fotv io',
  'fotv fotv fotv fotv ao no fotv cfgostv fotv fotv ao fotv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv fotv fotv fotv ao no fotv fotv cfgostv cfgotv ao cfgotv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv fotv fotv fotv ao no fotv fotv cfgotv cfgostv ao cfgotv fotv nor ao ao o fotv nor ao nor fotv o',
  'o o o o o no o o o o cgos o o nor cgos o o o nor o nor o o',
  'fotv fotv fotv fotv ao no fotv fotv cfgotv cfgotv ao cfgostv fotv nor ao ao o fotv nor ao nor fotv o',
  'fotv fotv fotv fotv ao no fotv fiotv fiotv fiotv ao fiotv cfgostv nor ao ao o fotv nor ao nor fotv io',
  'o o o o o no o o o o o o o cgnos o o o o nor o cgnos o o',
  'o o o o o no o o o o cgos o o nor cgos o o o nor o nor o o',
  'o o o o o no o o o o or o o nor or cgos o o nor o nor o o',
  'o o o o o o o o o o o o o o o o cgos o o o o o o',
  'fortv fortv fortv fortv aio no fiotv fiortv fiortv fiortv ao fiortv fiotv nor ao ao o cfgiostv nor ao nor cfgiortv io',
  'o o o o o no o o o o o o o no o o o o cgnos o no o o',
  'o o o o o no o o o o or o o nor or o o o nor cgos nor o o',
  'o o o o o no o o o o o o o cgnos o o o o nor o cgnos o o',
  'fotv fotv fortv fortv ao no fotv fotv fotv fotv ao fotv fotv nor ao ao o fotv nor ao nor cfgostv o',
  'or or or or or no or or or or or or or nor or or o or nor or nor or cfgost',
];
const LETTER: Record<ArchimateRelationshipType, string> = {
  Association: 'o',
  Influence: 'n',
  Realization: 'r',
  Serving: 'v',
  Assignment: 'i',
  Aggregation: 'g',
  Composition: 'c',
};

/** Whether ArchiMate 3.1 allows relationship `rel` from an element of type `from` to one of type `to`. */
export function archimateAllows(rel: ArchimateRelationshipType, from: ArchimateElementType, to: ArchimateElementType): boolean {
  const row = RULES[T.indexOf(from)]?.split(' ');
  return row?.[T.indexOf(to)]?.includes(LETTER[rel]) ?? false;
}

/** A choice of ArchiMate relationship; `reverse` draws it from the map's target to its source (B aggregates A for A PART_OF B). */
export interface RelationshipChoice {
  readonly relationship: ArchimateRelationshipType;
  readonly reverse: boolean;
}

/** The references of gaps, planned changes and events, drawn as relationships too. */
export const RECORD_LINKS = ['GAP_IN', 'CHANGES', 'UNDER_MEASURE', 'REPLACED_BY', 'CONCERNS'] as const;
export type RecordLink = (typeof RECORD_LINKS)[number];

const fwd = (relationship: ArchimateRelationshipType): RelationshipChoice => ({ relationship, reverse: false });
const rev = (relationship: ArchimateRelationshipType): RelationshipChoice => ({ relationship, reverse: true });

/**
 * Relationship type → ArchiMate relationships in order of preference; the first the ArchiMate
 * rules allow between the two ends is used, and Association (always allowed) is the last resort.
 * The map's own type travels as the `type` property, so an Association loses nothing.
 */
export const ARCHIMATE_RELATIONSHIPS = {
  APPLIES_TO: [fwd('Association')],
  // What a norm regulates is never a motivation element, so ArchiMate leaves only Association.
  REGULATES: [fwd('Association')],
  // A based on B: B influences A, where both are motivation elements (laws, guidance, requirements).
  BASED_ON: [rev('Influence'), fwd('Association')],
  PART_OF: [rev('Composition'), rev('Aggregation'), fwd('Association')],
  REALIZES: [fwd('Realization'), fwd('Association')],
  USES: [rev('Serving'), fwd('Association')],
  PERFORMS: [fwd('Assignment'), fwd('Association')],
  RESPONSIBLE_FOR: [fwd('Assignment'), fwd('Association')],
  ADDRESSES: [fwd('Realization'), fwd('Influence'), fwd('Association')],
  REPLACES: [fwd('Association')],
  GAP_IN: [fwd('Association')],
  CHANGES: [fwd('Realization'), fwd('Association')],
  UNDER_MEASURE: [rev('Aggregation'), fwd('Association')],
  REPLACED_BY: [fwd('Association')],
  CONCERNS: [fwd('Association')],
} as const satisfies Record<RelationshipType | RecordLink, readonly RelationshipChoice[]>;

/** The ArchiMate relationship for `type` from an element of type `from` to one of type `to`. */
export function chooseRelationship(type: RelationshipType | RecordLink, from: ArchimateElementType, to: ArchimateElementType): RelationshipChoice {
  for (const choice of ARCHIMATE_RELATIONSHIPS[type] as readonly RelationshipChoice[]) {
    const [a, b] = choice.reverse ? [to, from] : [from, to];
    if (archimateAllows(choice.relationship, a, b)) return choice;
  }
  return fwd('Association');
}

export const MAP_RELATIONSHIP_TYPES: readonly (RelationshipType | RecordLink)[] = [...RELATIONSHIP_TYPES, ...RECORD_LINKS];
