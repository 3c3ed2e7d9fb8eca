/**
 * Records as the API reads them from Neo4j, converted at the repository boundary. GraphQL field
 * resolvers complete them (labels per language, identifier links, source parsing).
 */
import type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType } from '../schema/metamodel';

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

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** The strings of a list property (anything else becomes empty). */
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** The maps of a collected list (null, from an OPTIONAL MATCH, becomes empty). */
export const mapsOf = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Convert an element map returned by Cypher (`e {.*}` plus derived keys) into a record. */
export function toElementRecord(raw: Raw): ElementRecord {
  const criteria = strs(raw.scoreCriteria);
  const values = Array.isArray(raw.scoreValues) ? (raw.scoreValues as unknown[]) : [];
  const record: ElementRecord = {
    id: String(raw.id),
    kind: raw.kind as Kind,
    name: String(raw.name),
    nameEn: String(raw.nameEn ?? raw.name),
    description: String(raw.description ?? ''),
    descriptionEn: str(raw.descriptionEn),
    layers: strs(raw.layers) as Layer[],
    lifecycle: (str(raw.lifecycle) ?? 'ACTIVE') as Lifecycle,
    normativeLevel: str(raw.normativeLevel) as NormativeLevel | null,
    statusDate: str(raw.statusDate),
    validFrom: str(raw.validFrom),
    validTo: str(raw.validTo),
    identifiers: strs(raw.identifiers),
    aliases: strs(raw.aliases),
    sources: strs(raw.sources),
    lifecycleSources: strs(raw.lifecycleSources),
    normativeLevelSources: strs(raw.normativeLevelSources),
    citationExceptions: strs(raw.citationExceptionSources).map((source, i) => ({ source, reason: strs(raw.citationExceptionReasons)[i] ?? '' })),
    notes: strs(raw.notes),
    rank: num(raw.rank),
    score: num(raw.score),
    scores: criteria.map((criterion, i) => ({ criterion, value: Number(values[i]) })),
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
  return {
    id: String(raw.id),
    change: raw.change as ChangeType,
    due: str(raw.due),
    dueBy: str(raw.dueBy),
    dueText: str(raw.dueText),
    description: String(raw.description ?? ''),
    element: String(raw.element),
    measure: str(raw.measure),
    replacement: str(raw.replacement),
    completedAt: str(raw.completedAt),
    sources: strs(raw.sources),
  };
}

export function toGapRecord(raw: Raw): GapRecord {
  return {
    id: String(raw.id),
    service: String(raw.service),
    layer: raw.layer as Layer,
    title: String(raw.title),
    titleEn: str(raw.titleEn),
    description: String(raw.description ?? ''),
    identifiedAt: str(raw.identifiedAt),
    resolvedAt: str(raw.resolvedAt),
    sources: strs(raw.sources),
  };
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
  return {
    id: String(raw.id),
    date: String(raw.date),
    dateFrom: String(raw.dateFrom),
    dateBy: String(raw.dateBy),
    dateText: str(raw.dateText),
    happened: raw.happened === true,
    title: String(raw.title),
    titleEn: str(raw.titleEn),
    description: str(raw.description),
    elements: strs(raw.elements),
    sources: strs(raw.sources),
  };
}
