/**
 * Cypher of the analysts' writes. Every mutation runs in one transaction (`Database.write`) that
 * locks what it changes, checks, writes and appends an :AuditEvent. Labels and relationship types
 * are spliced in only from the metamodel's fixed lists (checked by `safeRelationshipType`).
 *
 * Optimistic concurrency: a node's write lock is taken *before* its version is read (a SET on a
 * throw-away property), so of two concurrent writers with the same version the second waits for
 * the first to commit, then reads the new version and fails with CONFLICT. Reading first and
 * writing after would let both pass the check (Neo4j reads are read-committed, without locks).
 */
import { KINDS, RELATIONSHIPS, RELATIONSHIP_TYPES, type Kind, type Layer, type RelationshipType } from '../../schema/metamodel';
import type { Integer } from 'neo4j-driver';
import { defineQuery, type Query, type Raw } from '../../store/query';
import { elementWithStatus } from './element';

/** Node labels a write may lock: the fixed set below, never from input. */
export type WritableLabel = 'Element' | 'Gap' | 'PlannedChange' | 'Perspective' | 'Scenario';

/** Take the write lock of the node with `$id`; returns its id when it exists. */
export function lockCypher(label: WritableLabel): Query<{ id: string }, { id: string }> {
  return defineQuery<{ id: string }, { id: string }>(`MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock RETURN n.id AS id`);
}

/** A node's stored properties (read after `lockCypher`, so they are the latest committed). */
export function readNodeCypher(label: WritableLabel): Query<{ id: string }, { node: Raw }> {
  return defineQuery<{ id: string }, { node: Raw }>(`MATCH (n:${label} {id: $id}) RETURN n {.*} AS node`);
}

/** Kinds of a list of ids (absent ids come back with a null kind). */
export const KINDS_OF = defineQuery<{ ids: readonly string[] }, { id: string; kind: Kind | null; layers: Layer[] | null }>(`UNWIND $ids AS id
OPTIONAL MATCH (e:Element {id: id})
RETURN id, e.kind AS kind, e.layers AS layers`);

/** Today's view of one element, as the API returns it. */
export const ELEMENT_WITH_STATUS = defineQuery<{ id: string; asOf: string }, { element: Raw }>(
  `MATCH (e:Element {id: $id}) RETURN ${elementWithStatus('e')} AS element`,
);

export const AUDIT = defineQuery<
  { actor: string; tokenId: string | null; action: string; target: string; elements: string[]; before: string | null; after: string | null },
  { id: string }
>(`CREATE (a:AuditEvent {
  id: randomUUID(), at: datetime(), actor: $actor, tokenId: $tokenId, action: $action,
  target: $target, elements: $elements, before: $before, after: $after
}) RETURN a.id AS id`);

// ---- elements ---------------------------------------------------------------------------------

/** Set some properties of an element and increase its version. */
export const UPDATE_ELEMENT = defineQuery<{ id: string; props: Raw }, { node: Raw }>(`MATCH (e:Element {id: $id})
SET e += $props, e.version = coalesce(e.version, 1) + 1, e.updatedAt = datetime()
RETURN e {.*} AS node`);

/** Create an element of one kind; the secondary label comes from the metamodel. */
export function createElementCypher(kind: Kind): Query<{ props: Raw }, { node: Raw }> {
  return defineQuery<{ props: Raw }, { node: Raw }>(`CREATE (e:Element:${KINDS[kind].neo4jLabel})
SET e = $props, e.version = 1, e.createdAt = datetime()
RETURN e {.*} AS node`);
}

/** Outgoing APPLIES_TO rows that would lose their layer if the element's layers became `$layers`. */
export const ROWS_OUTSIDE_LAYERS = defineQuery<{ id: string; layers: readonly string[] }, { layer: string }>(`MATCH (e:Element {id: $id})-[r:APPLIES_TO]->()
WHERE NOT r.layer IN $layers RETURN DISTINCT r.layer AS layer`);

// ---- relationships ----------------------------------------------------------------------------

/** The relationship type, checked against the metamodel's list before it is spliced into Cypher. */
export function safeRelationshipType(type: string): RelationshipType {
  const found = RELATIONSHIP_TYPES.find((t) => t === type);
  if (!found) throw new Error(`not a relationship type of the metamodel: ${type}`);
  return found;
}

/** A relationship's ends, and its layer when the type is layered (null otherwise). */
export type RelationshipParams = { from: string; to: string; layer: string | null };

const relKey = (type: RelationshipType) => (RELATIONSHIPS[type].layered ? ' {layer: $layer}' : '');

export function readRelationshipCypher(type: RelationshipType): Query<RelationshipParams, { rel: Raw }> {
  return defineQuery<RelationshipParams, { rel: Raw }>(
    `MATCH (a:Element {id: $from})-[r:${safeRelationshipType(type)}${relKey(type)}]->(b:Element {id: $to}) RETURN r {.*} AS rel`,
  );
}

/** Create or update one relationship (APPLIES_TO keyed by its layer) and increase `from`'s version. */
export function linkCypher(type: RelationshipType): Query<RelationshipParams & { props: Raw; asOf: string }, { rel: Raw; other: Raw }> {
  return defineQuery<RelationshipParams & { props: Raw; asOf: string }, { rel: Raw; other: Raw }>(`MATCH (a:Element {id: $from}), (b:Element {id: $to})
MERGE (a)-[r:${safeRelationshipType(type)}${relKey(type)}]->(b)
SET r += $props, a.version = coalesce(a.version, 1) + 1, a.updatedAt = datetime()
RETURN r {.*} AS rel, ${elementWithStatus('b')} AS other`);
}

export function unlinkCypher(type: RelationshipType): Query<RelationshipParams, { before: Raw }> {
  return defineQuery<RelationshipParams, { before: Raw }>(`MATCH (a:Element {id: $from})-[r:${safeRelationshipType(type)}${relKey(type)}]->(b:Element {id: $to})
WITH a, r, r {.*} AS before
DELETE r
SET a.version = coalesce(a.version, 1) + 1, a.updatedAt = datetime()
RETURN before`);
}

// ---- gaps and planned changes -----------------------------------------------------------------

export const CREATE_GAP = defineQuery<{ service: string; props: Raw }, { node: Raw }>(`MATCH (s:Element {id: $service})
CREATE (g:Gap)
SET g = $props, g.version = 1, g.createdAt = datetime()
CREATE (g)-[:GAP_IN]->(s)
RETURN g {.*, service: s.id} AS node`);

export const GAP_BY_ID = defineQuery<{ id: string }, { node: Raw }>(`MATCH (g:Gap {id: $id})-[:GAP_IN]->(s:Element) RETURN g {.*, service: s.id} AS node`);

export const RESOLVE_GAP = defineQuery<{ id: string; resolvedAt: string }, { node: Raw }>(`MATCH (g:Gap {id: $id})-[:GAP_IN]->(s:Element)
SET g.resolvedAt = $resolvedAt, g.version = coalesce(g.version, 1) + 1
RETURN g {.*, service: s.id} AS node`);

const CHANGE_MAP = `c {.*, element: e.id, measure: [(c)-[:UNDER_MEASURE]->(m) | m.id][0], replacement: [(c)-[:REPLACED_BY]->(x) | x.id][0]}`;

export const CREATE_CHANGE = defineQuery<
  { element: string; measure: string | null; replacement: string | null; props: Raw },
  { node: Raw }
>(`MATCH (e:Element {id: $element})
CREATE (c:PlannedChange)
SET c = $props, c.version = 1, c.createdAt = datetime()
CREATE (c)-[:CHANGES]->(e)
WITH c, e
OPTIONAL MATCH (m:Element {id: $measure})
FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (c)-[:UNDER_MEASURE]->(m))
WITH c, e
OPTIONAL MATCH (x:Element {id: $replacement})
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (c)-[:REPLACED_BY]->(x))
RETURN ${CHANGE_MAP} AS node`);

export const CHANGE_BY_ID = defineQuery<{ id: string }, { node: Raw }>(
  `MATCH (c:PlannedChange {id: $id})-[:CHANGES]->(e:Element) RETURN ${CHANGE_MAP} AS node`,
);

export const COMPLETE_CHANGE = defineQuery<{ id: string; completedAt: string }, { node: Raw }>(`MATCH (c:PlannedChange {id: $id})-[:CHANGES]->(e:Element)
SET c.completedAt = $completedAt, c.version = coalesce(c.version, 1) + 1
RETURN ${CHANGE_MAP} AS node`);

// ---- perspectives -----------------------------------------------------------------------------

export const CREATE_PERSPECTIVE = defineQuery<{ props: Raw }, { node: Raw }>(`CREATE (p:Perspective)
SET p = $props, p.version = 1, p.createdAt = datetime()
RETURN p {.*} AS node`);

/** Replace a perspective's selection (it is saved whole) and increase its version. */
export const REPLACE_PERSPECTIVE = defineQuery<{ id: string; props: Raw }, { node: Raw }>(`MATCH (p:Perspective {id: $id})
WITH p, p.version AS version, p.createdAt AS createdAt
SET p = $props, p.version = coalesce(version, 1) + 1, p.createdAt = createdAt, p.updatedAt = datetime()
RETURN p {.*} AS node`);

export const DELETE_PERSPECTIVE = defineQuery<{ id: string }, Record<string, never>>(`MATCH (p:Perspective {id: $id}) DETACH DELETE p`);

// ---- what-if scenarios (saved whole, like perspectives) -------------------------------------------

export const CREATE_SCENARIO = defineQuery<{ props: Raw }, { node: Raw }>(`CREATE (x:Scenario)
SET x = $props, x.version = 1, x.createdAt = datetime()
RETURN x {.*} AS node`);

export const REPLACE_SCENARIO = defineQuery<{ id: string; props: Raw }, { node: Raw }>(`MATCH (x:Scenario {id: $id})
WITH x, x.version AS version, x.createdAt AS createdAt
SET x = $props, x.version = coalesce(version, 1) + 1, x.createdAt = createdAt, x.updatedAt = datetime()
RETURN x {.*} AS node`);

export const DELETE_SCENARIO = defineQuery<{ id: string }, Record<string, never>>(`MATCH (x:Scenario {id: $id}) DETACH DELETE x`);

/** Which of `$ids` are measures (to check a scenario's scores name measures). */
export const MEASURES_AMONG = defineQuery<{ ids: readonly string[] }, { ids: string[] }>(
  `MATCH (m:Element:Measure) WHERE m.id IN $ids RETURN collect(m.id) AS ids`,
);

// ---- audit ------------------------------------------------------------------------------------

const AUDIT_MAP = `a {.id, at: toString(a.at), .actor, .action, .target, .before, .after}`;

/** Every event that targeted the element or touched it (a gap on it, a link to it). */
export const HISTORY = defineQuery<{ id: string }, { exists: boolean; events: Raw[] }>(`OPTIONAL MATCH (e:Element {id: $id})
CALL () {
  MATCH (a:AuditEvent) WHERE a.target = $id OR $id IN a.elements
  WITH a ORDER BY a.at DESC, a.id
  RETURN collect(${AUDIT_MAP}) AS events
}
RETURN e IS NOT NULL AS exists, events`);

export const AUDIT_LOG = defineQuery<{ from: string | null; to: string | null; actor: string | null; first: Integer }, { event: Raw }>(`MATCH (a:AuditEvent)
WHERE ($from IS NULL OR a.at >= datetime($from))
  AND ($to IS NULL OR a.at <= datetime($to))
  AND ($actor IS NULL OR a.actor = $actor)
WITH a ORDER BY a.at DESC, a.id LIMIT $first
RETURN ${AUDIT_MAP} AS event`);
