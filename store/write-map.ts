/**
 * Writes a validated map to Neo4j idempotently: MERGE on stable ids, UNWIND batches, one
 * transaction per batch. Loading the same map twice changes nothing. Labels and relationship
 * types come from the metamodel's fixed lists, never from the data.
 */
import type { GraphMap } from '../schema/map';
import { KINDS, KIND_IDS, RELATIONSHIPS, RELATIONSHIP_TYPES, type Kind, type RelationshipType } from '../schema/metamodel';
import { changeProperties, elementProperties, eventProperties, gapProperties, perspectiveProperties, relationshipProperties } from './codec';
import type { Database } from './database';

export const BATCH_SIZE = 10000;

/** `merge` (idempotent, the default) or `create` (only into a map known to be empty). */
export type WriteMode = 'merge' | 'create';

export interface WriteCounts {
  elements: Partial<Record<Kind, number>>;
  relationships: Partial<Record<RelationshipType, number>>;
  gaps: number;
  changes: number;
  events: number;
  perspectives: number;
}

/** Elements carry many properties: smaller batches keep two transactions in flight. */
const ELEMENT_BATCH_SIZE = 5000;

/** Run `work` over `items` with at most `concurrency` at once; the first failure rejects. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function batches<T>(rows: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Cypher that writes elements of one kind; the label comes from the metamodel. Into an empty map,
 * CREATE skips MERGE's lookup and lock per row (the unique constraint still rejects duplicates).
 */
export function writeElementsCypher(kind: Kind, mode: WriteMode = 'merge'): string {
  const label = KINDS[kind].neo4jLabel;
  if (mode === 'create') {
    return `UNWIND $rows AS row
CREATE (e:Element:${label})
SET e = row, e.version = 1, e.createdAt = datetime()`;
  }
  return `UNWIND $rows AS row
MERGE (e:Element {id: row.id})
ON CREATE SET e.version = 1, e.createdAt = datetime()
SET e += row, e:${label}`;
}

/**
 * Cypher that writes relationships of one type; APPLIES_TO is keyed by its layer too. MERGE
 * makes reloading idempotent; into an empty map, CREATE skips the existence check, which on a
 * popular service means scanning thousands of relationships per row (a third faster at 1M).
 */
export function writeRelationshipsCypher(type: RelationshipType, mode: WriteMode = 'merge'): string {
  // A layered relationship (APPLIES_TO) exists once per heat-map row: the layer is part of its key.
  const key = RELATIONSHIPS[type].layered ? ' {layer: row.layer}' : '';
  return `UNWIND $rows AS row
MATCH (a:Element {id: row.from}), (b:Element {id: row.to})
${mode === 'create' ? 'CREATE' : 'MERGE'} (a)-[r:${type}${key}]->(b)
SET r += row.props`;
}

const MERGE_GAPS = `UNWIND $rows AS row
MATCH (s:Element {id: row.service})
MERGE (g:Gap {id: row.props.id})
ON CREATE SET g.version = 1
SET g += row.props
MERGE (g)-[:GAP_IN]->(s)`;

const MERGE_CHANGES = `UNWIND $rows AS row
MATCH (e:Element {id: row.element})
MERGE (c:PlannedChange {id: row.props.id})
SET c += row.props
MERGE (c)-[:CHANGES]->(e)
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (m:Element {id: row.measure})
  FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | MERGE (c)-[:UNDER_MEASURE]->(m))
  WITH c, row
  OPTIONAL MATCH (r:Element {id: row.replacement})
  FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | MERGE (c)-[:REPLACED_BY]->(r))
}`;

const MERGE_EVENTS = `UNWIND $rows AS row
MERGE (v:Event {id: row.props.id})
SET v += row.props
WITH v, row
CALL (v, row) {
  UNWIND row.elements AS id
  MATCH (e:Element {id: id})
  MERGE (v)-[:CONCERNS]->(e)
}`;

const MERGE_PERSPECTIVES = `UNWIND $rows AS row
MERGE (p:Perspective {id: row.id})
ON CREATE SET p.version = 1
SET p += row`;

/** Write a map (already validated with `checkMap`). `progress` gets one line per step. */
export async function writeMap(db: Database, map: GraphMap, progress: (line: string) => void = () => {}, mode: WriteMode = 'merge'): Promise<WriteCounts> {
  const counts: WriteCounts = { elements: {}, relationships: {}, gaps: 0, changes: 0, events: 0, perspectives: 0 };
  /**
   * Write batches (each a query and its rows, one transaction each), `concurrency` at a time.
   * Large maps (synthetic ones) take a while: each batch is reported so the user sees it move.
   */
  const write = async (work: { cypher: string; rows: unknown[] }[], label: string, total: number, concurrency = 1): Promise<void> => {
    let done = 0;
    await inParallel(work, concurrency, async ({ cypher, rows }) => {
      await db.write(async (tx) => {
        await tx.run(cypher, { rows });
      });
      done += rows.length;
      if (total > BATCH_SIZE) progress(`  ${label}: ${done}/${total}`);
    });
  };
  const run = (cypher: string, rows: unknown[], label: string) =>
    write(
      batches(rows).map((b) => ({ cypher, rows: b })),
      label,
      rows.length,
    );
  const elementBatches = KIND_IDS.flatMap((kind) => {
    const rows = map.elements.filter((e) => e.kind === kind).map(elementProperties);
    if (rows.length > 0) counts.elements[kind] = rows.length;
    return batches(rows, ELEMENT_BATCH_SIZE).map((b) => ({ cypher: writeElementsCypher(kind, mode), rows: b }));
  });
  // New elements never lock each other: into an empty map, two transactions at once keep both
  // Neo4j and this process busy (one packs a batch while the other is written).
  await write(elementBatches, 'elements', map.elements.length, mode === 'create' ? 2 : 1);
  progress(`elements: ${map.elements.length}`);
  for (const type of RELATIONSHIP_TYPES) {
    const rows = map.relationships
      .filter((r) => r.type === type)
      .map((r) => ({ from: r.from, to: r.to, layer: r.layer ?? null, props: relationshipProperties(r) }));
    if (rows.length === 0) continue;
    await run(writeRelationshipsCypher(type, mode), rows, type);
    counts.relationships[type] = rows.length;
  }
  progress(`relationships: ${map.relationships.length}`);
  await writeMapExtras(db, map, counts, progress);
  await refreshPlannerStatistics(db, progress);
  return counts;
}

/**
 * Gaps, planned changes, events and perspectives (MERGE, in batches), into `counts`. A few per
 * hundred elements: the bulk importer leaves them to this after it has written the elements.
 */
export async function writeMapExtras(
  db: Database,
  map: Pick<GraphMap, 'gaps' | 'changes' | 'events' | 'perspectives'>,
  counts: WriteCounts,
  progress: (line: string) => void = () => {},
): Promise<void> {
  const run = async (cypher: string, rows: unknown[], label: string) => {
    let done = 0;
    for (const batch of batches(rows)) {
      await db.write(async (tx) => {
        await tx.run(cypher, { rows: batch });
      });
      done += batch.length;
      if (rows.length > BATCH_SIZE) progress(`  ${label}: ${done}/${rows.length}`);
    }
  };
  await run(
    MERGE_GAPS,
    map.gaps.map((g) => ({ service: g.service, props: gapProperties(g) })),
    'gaps',
  );
  counts.gaps = map.gaps.length;
  await run(
    MERGE_CHANGES,
    map.changes.map((c) => ({ element: c.element, measure: c.measure ?? null, replacement: c.replacement ?? null, props: changeProperties(c) })),
    'planned changes',
  );
  counts.changes = map.changes.length;
  await run(
    MERGE_EVENTS,
    map.events.map((e) => ({ elements: e.elements, props: eventProperties(e) })),
    'events',
  );
  counts.events = map.events.length;
  await run(MERGE_PERSPECTIVES, map.perspectives.map(perspectiveProperties), 'perspectives');
  counts.perspectives = map.perspectives.length;
  progress(`gaps: ${counts.gaps}, planned changes: ${counts.changes}, events: ${counts.events}, perspectives: ${counts.perspectives}`);
}

/**
 * After a bulk write, resample the indexes and drop cached plans. Indexes created on an empty
 * store keep "empty" statistics until Neo4j resamples them in its own time; until then the planner
 * may price a scan of the id index like a unique seek and cache that plan — a lookup by id that reads
 * every element (seen on CI: heat map and roadmap plans with NodeIndexScan after a seed). Needs a
 * role allowed to call db.prepareForReplanning; without it the map is written all the same and the
 * line says so.
 */
export async function refreshPlannerStatistics(db: Database, progress: (line: string) => void): Promise<void> {
  try {
    await db.driver.executeQuery('CALL db.prepareForReplanning(300)', {}, { database: db.database });
  } catch (e) {
    progress(`index statistics not refreshed (${e instanceof Error ? e.message : String(e)}); Neo4j will resample them later`);
  }
}

/** Human-readable counts, one line per kind and per relationship type. */
export function formatCounts(c: WriteCounts): string[] {
  return [
    ...Object.entries(c.elements).map(([k, n]) => `  ${k.padEnd(34)} ${n}`),
    ...Object.entries(c.relationships).map(([t, n]) => `  ${`-[:${t}]->`.padEnd(34)} ${n}`),
    `  ${'gaps'.padEnd(34)} ${c.gaps}`,
    `  ${'planned changes'.padEnd(34)} ${c.changes}`,
    `  ${'events'.padEnd(34)} ${c.events}`,
    `  ${'perspectives'.padEnd(34)} ${c.perspectives}`,
  ];
}

/**
 * Delete the map (elements, gaps, planned changes, events, perspectives) but keep tokens and the audit
 * log. Batched in transactions of its own, which needs an auto-commit query (session.run).
 */
export async function wipeMap(db: Database): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.run(`MATCH (n) WHERE n:Element OR n:Gap OR n:PlannedChange OR n:Event OR n:Perspective
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
  } finally {
    await session.close();
  }
}
