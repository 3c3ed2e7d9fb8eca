/**
 * Reads the whole map back out of Neo4j in the seed files' shape, sorted by id, so that
 * export → wipe → import → export gives byte-identical output. Bookkeeping that is not part of
 * the map (versions, audit events, tokens) stays behind.
 */
import { RELATIONSHIP_TYPES, type Kind, type RelationshipType } from '../schema/metamodel';
import type { Database, Row } from '../api/neo4j/database';
import type { ChangeInput, ElementInput, EventInput, GapInput, PerspectiveInput, RelationshipInput } from '../schema/validation';
import type { GraphMap } from './map';

/** One round trip per section; each returns plain maps already in a stable order. */
const READ_ELEMENTS = `MATCH (e:Element) RETURN e {.*} AS e ORDER BY e.id`;
const READ_RELATIONSHIPS = `MATCH (a:Element)-[r]->(b:Element) WHERE type(r) IN $types
RETURN a.id AS from, type(r) AS type, b.id AS to, r {.*} AS r
ORDER BY from, type, to, coalesce(r.layer, '')`;
const READ_GAPS = `MATCH (g:Gap)-[:GAP_IN]->(s:Element) RETURN g {.*} AS g, s.id AS service ORDER BY g.id`;
const READ_CHANGES = `MATCH (c:PlannedChange)-[:CHANGES]->(e:Element)
RETURN c {.*} AS c, e.id AS element,
       [(c)-[:UNDER_MEASURE]->(m) | m.id][0] AS measure,
       [(c)-[:REPLACED_BY]->(r) | r.id][0] AS replacement
ORDER BY c.id`;
const READ_EVENTS = `MATCH (v:Event)
RETURN v {.*} AS v, [(v)-[:CONCERNS]->(e:Element) | e.id] AS elements
ORDER BY v.id`;
const READ_PERSPECTIVES = `MATCH (p:Perspective) RETURN p {.*} AS p ORDER BY p.id`;

type Props = Record<string, unknown>;

/** Optional fields are left out when unset, exactly as a hand-written seed file would. */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function elementFromProperties(p: Props): ElementInput {
  const criteria = strings(p.scoreCriteria);
  const values = Array.isArray(p.scoreValues) ? p.scoreValues.map(Number) : [];
  return {
    id: String(p.id),
    kind: p.kind as Kind,
    name: String(p.name),
    nameEn: String(p.nameEn),
    layers: strings(p.layers) as ElementInput['layers'],
    description: String(p.description),
    ...optional('descriptionEn', p.descriptionEn as string | null),
    lifecycle: p.lifecycle as ElementInput['lifecycle'],
    ...optional('normativeLevel', p.normativeLevel as ElementInput['normativeLevel'] | null),
    ...optional('statusDate', p.statusDate as string | null),
    ...optional('validFrom', p.validFrom as string | null),
    ...optional('validTo', p.validTo as string | null),
    identifiers: strings(p.identifiers),
    aliases: strings(p.aliases),
    sources: strings(p.sources),
    lifecycleSources: strings(p.lifecycleSources),
    normativeLevelSources: strings(p.normativeLevelSources),
    citationExceptions: strings(p.citationExceptionSources).map((source, i) => ({ source, reason: strings(p.citationExceptionReasons)[i] ?? '' })),
    notes: strings(p.notes),
    ...optional('rank', p.rank as number | null),
    ...optional('score', p.score as number | null),
    scores: criteria.map((criterion, i) => ({ criterion, value: values[i] ?? 0 })),
  };
}

function relationshipFrom(row: Row): RelationshipInput {
  const r = row.r as Props;
  return {
    from: String(row.from),
    type: row.type as RelationshipType,
    to: String(row.to),
    ...optional('layer', r.layer as RelationshipInput['layer'] | null),
    ...optional('validFrom', r.validFrom as string | null),
    ...optional('validTo', r.validTo as string | null),
    sources: strings(r.sources),
    ...optional('note', r.note as string | null),
    ...optional('citationException', r.citationException as string | null),
  };
}

function gapFrom(row: Row): GapInput {
  const g = row.g as Props;
  return {
    id: String(g.id),
    service: String(row.service),
    layer: g.layer as GapInput['layer'],
    title: String(g.title),
    ...optional('titleEn', g.titleEn as string | null),
    description: String(g.description),
    ...optional('identifiedAt', g.identifiedAt as string | null),
    ...optional('resolvedAt', g.resolvedAt as string | null),
    sources: strings(g.sources),
    ...optional('citationException', g.citationException as string | null),
  };
}

function changeFrom(row: Row): ChangeInput {
  const c = row.c as Props;
  return {
    id: String(c.id),
    element: String(row.element),
    change: c.change as ChangeInput['change'],
    ...optional('due', c.due as string | null),
    ...optional('dueText', c.dueText as string | null),
    description: String(c.description),
    ...optional('measure', row.measure as string | null),
    ...optional('replacement', row.replacement as string | null),
    ...optional('completedAt', c.completedAt as string | null),
    sources: strings(c.sources),
    ...optional('citationException', c.citationException as string | null),
  };
}

function eventFrom(row: Row): EventInput {
  const v = row.v as Props;
  return {
    id: String(v.id),
    date: String(v.date),
    ...optional('dateText', v.dateText as string | null),
    happened: v.happened === true,
    title: String(v.title),
    ...optional('titleEn', v.titleEn as string | null),
    ...optional('description', v.description as string | null),
    elements: strings(row.elements).sort(),
    sources: strings(v.sources),
    ...optional('citationException', v.citationException as string | null),
  };
}

function perspectiveFrom(row: Row): PerspectiveInput {
  const p = row.p as Props;
  return {
    id: String(p.id),
    name: String(p.name),
    ...optional('nameEn', p.nameEn as string | null),
    ...optional('description', p.description as string | null),
    layers: strings(p.layers) as PerspectiveInput['layers'],
    kinds: strings(p.kinds) as PerspectiveInput['kinds'],
    actorTypes: strings(p.actorTypes),
    services: strings(p.services),
    statuses: strings(p.statuses) as PerspectiveInput['statuses'],
    layout: strings(p.layout),
  };
}

export async function readMap(db: Database): Promise<GraphMap> {
  const [elements, relationships, gaps, changes, events, perspectives] = await Promise.all([
    db.read(READ_ELEMENTS),
    db.read(READ_RELATIONSHIPS, { types: RELATIONSHIP_TYPES }),
    db.read(READ_GAPS),
    db.read(READ_CHANGES),
    db.read(READ_EVENTS),
    db.read(READ_PERSPECTIVES),
  ]);
  return {
    elements: elements.map((r) => elementFromProperties(r.e as Props)),
    relationships: relationships.map(relationshipFrom),
    gaps: gaps.map(gapFrom),
    changes: changes.map(changeFrom),
    events: events.map(eventFrom),
    perspectives: perspectives.map(perspectiveFrom),
  };
}
