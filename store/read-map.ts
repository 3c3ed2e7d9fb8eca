/**
 * Reads the whole map back out of Neo4j in the seed files' shape, sorted by id, so that
 * export → wipe → import → export gives byte-identical output. Bookkeeping that is not part of
 * the map (versions, audit events, tokens) stays behind.
 */
import type { GraphMap } from '../schema/map';
import { RELATIONSHIP_TYPES } from '../schema/metamodel';
import {
  changeFromProperties,
  elementFromProperties,
  eventFromProperties,
  gapFromProperties,
  perspectiveFromProperties,
  relationshipFromProperties,
  type Props,
} from './codec';
import { bind, type Database } from './database';
import { defineQuery } from './query';

/** One query per section, all in one read transaction; each returns plain maps already in a stable order. */
const READ_ELEMENTS = defineQuery<Record<string, never>, { e: Props }>(`MATCH (e:Element) RETURN e {.*} AS e ORDER BY e.id`);
const READ_RELATIONSHIPS = defineQuery<
  { types: readonly string[] },
  { from: unknown; type: unknown; to: unknown; r: Props }
>(`MATCH (a:Element)-[r]->(b:Element) WHERE type(r) IN $types
RETURN a.id AS from, type(r) AS type, b.id AS to, r {.*} AS r
ORDER BY from, type, to, coalesce(r.layer, '')`);
const READ_GAPS = defineQuery<Record<string, never>, { g: Props; service: unknown }>(
  `MATCH (g:Gap)-[:GAP_IN]->(s:Element) RETURN g {.*} AS g, s.id AS service ORDER BY g.id`,
);
const READ_CHANGES = defineQuery<
  Record<string, never>,
  { c: Props; element: unknown; measure: unknown; replacement: unknown }
>(`MATCH (c:PlannedChange)-[:CHANGES]->(e:Element)
RETURN c {.*} AS c, e.id AS element,
       [(c)-[:UNDER_MEASURE]->(m) | m.id][0] AS measure,
       [(c)-[:REPLACED_BY]->(r) | r.id][0] AS replacement
ORDER BY c.id`);
const READ_EVENTS = defineQuery<Record<string, never>, { v: Props; elements: unknown }>(`MATCH (v:Event)
RETURN v {.*} AS v, [(v)-[:CONCERNS]->(e:Element) | e.id] AS elements
ORDER BY v.id`);
const READ_PERSPECTIVES = defineQuery<Record<string, never>, { p: Props }>(`MATCH (p:Perspective) RETURN p {.*} AS p ORDER BY p.id`);

export async function readMap(db: Database): Promise<GraphMap> {
  // One read transaction: a consistent snapshot even while analysts write (exports, backups).
  const [elements, relationships, gaps, changes, events, perspectives] = await db.readAll([
    bind(READ_ELEMENTS),
    bind(READ_RELATIONSHIPS, { types: RELATIONSHIP_TYPES }),
    bind(READ_GAPS),
    bind(READ_CHANGES),
    bind(READ_EVENTS),
    bind(READ_PERSPECTIVES),
  ]);
  return {
    elements: elements.map((r) => elementFromProperties(r.e)),
    relationships: relationships.map((r) => relationshipFromProperties(r.from, r.type, r.to, r.r)),
    gaps: gaps.map((r) => gapFromProperties(r.g, r.service)),
    changes: changes.map((r) => changeFromProperties(r.c, { element: r.element, measure: r.measure, replacement: r.replacement })),
    events: events.map((r) => eventFromProperties(r.v, r.elements)),
    perspectives: perspectives.map((r) => perspectiveFromProperties(r.p)),
  };
}
