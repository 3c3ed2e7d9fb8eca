/**
 * Records as the API reads them from Neo4j, converted at the repository boundary. GraphQL field
 * resolvers complete them (labels per language, identifier links, source parsing).
 */
import type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType } from '../schema/metamodel';
import { changeFromProperties, elementFromProperties, eventFromProperties, gapFromProperties } from '../store/codec';

export interface ScoreRecord {
  criterion: string;
  value: number;
}

/** An element's stored properties, plus what a view's query derived or prefetched. */
export interface ElementRecord {
  id: string;
  kind: Kind;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string | null;
  layers: Layer[];
  lifecycle: Lifecycle;
  normativeLevel: NormativeLevel | null;
  statusDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  identifiers: string[];
  aliases: string[];
  sources: string[];
  lifecycleSources: string[];
  normativeLevelSources: string[];
  citationExceptions: { source: string; reason: string }[];
  notes: string[];
  rank: number | null;
  score: number | null;
  scores: ScoreRecord[];
  version: number;
  /** Derived by the view's query for its date; absent when the view did not derive it. */
  status?: HeatStatus;
  /** Measures, in the `measures` view only: the rank by computed score among all measures. */
  computedRank?: number;
}

/** A map as a Cypher query returns it, before conversion. */
export type Raw = Record<string, unknown>;

/** A string property, or null (absent, or not a string). */
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** The strings of a list property (anything else becomes empty). */
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** The maps of a collected list (null, from an OPTIONAL MATCH, becomes empty). */
export const mapsOf = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * Convert an element map returned by Cypher (`e {.*}` plus derived keys) into a record: the
 * stored properties through the storage codec, then what the API adds (version, derived status).
 */
export function toElementRecord(raw: Raw): ElementRecord {
  const e = elementFromProperties(raw);
  const record: ElementRecord = {
    ...e,
    descriptionEn: e.descriptionEn ?? null,
    normativeLevel: e.normativeLevel ?? null,
    statusDate: e.statusDate ?? null,
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
    rank: e.rank ?? null,
    score: e.score ?? null,
    version: num(raw.version) ?? 1,
  };
  const status = str(raw.status);
  if (status) record.status = status as HeatStatus;
  return record;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface RelationshipRecord {
  type: RelationshipType;
  direction: 'OUTGOING' | 'INCOMING';
  from: string;
  to: string;
  other: ElementRecord;
  layer: Layer | null;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
  note: string | null;
}

export interface PlannedChangeRecord {
  id: string;
  change: ChangeType;
  /** As precise as the source ("2024", "2021-Q3", …); null when it gives no date. */
  due: string | null;
  /** The last day of the due period, which date comparisons use. */
  dueBy: string | null;
  dueText: string | null;
  description: string;
  element: string;
  measure: string | null;
  replacement: string | null;
  completedAt: string | null;
  sources: string[];
}

export interface GapRecord {
  id: string;
  service: string;
  layer: Layer;
  title: string;
  titleEn: string | null;
  description: string;
  identifiedAt: string | null;
  resolvedAt: string | null;
  sources: string[];
}

export function toRelationshipRecord(raw: Raw): RelationshipRecord {
  return {
    type: raw.type as RelationshipType,
    direction: raw.direction === 'INCOMING' ? 'INCOMING' : 'OUTGOING',
    from: String(raw.from),
    to: String(raw.to),
    other: toElementRecord(raw.other as Raw),
    layer: str(raw.layer) as Layer | null,
    validFrom: str(raw.validFrom),
    validTo: str(raw.validTo),
    sources: strs(raw.sources),
    note: str(raw.note),
  };
}

export function toPlannedChangeRecord(raw: Raw): PlannedChangeRecord {
  const c = changeFromProperties(raw, { element: raw.element, measure: raw.measure, replacement: raw.replacement });
  return {
    ...c,
    due: c.due ?? null,
    dueBy: str(raw.dueBy),
    dueText: c.dueText ?? null,
    measure: c.measure ?? null,
    replacement: c.replacement ?? null,
    completedAt: c.completedAt ?? null,
  };
}

export function toGapRecord(raw: Raw): GapRecord {
  const g = gapFromProperties(raw, raw.service);
  return { ...g, titleEn: g.titleEn ?? null, identifiedAt: g.identifiedAt ?? null, resolvedAt: g.resolvedAt ?? null };
}

export interface EventRecord {
  id: string;
  date: string;
  dateFrom: string;
  dateBy: string;
  dateText: string | null;
  happened: boolean;
  title: string;
  titleEn: string | null;
  description: string | null;
  elements: string[];
  sources: string[];
}

export function toEventRecord(raw: Raw): EventRecord {
  const v = eventFromProperties(raw, raw.elements);
  return {
    ...v,
    dateFrom: String(raw.dateFrom),
    dateBy: String(raw.dateBy),
    dateText: v.dateText ?? null,
    titleEn: v.titleEn ?? null,
    description: v.description ?? null,
  };
}
