/**
 * "What depends on this element, and through which relationships?" One round trip: a breadth-first
 * walk from the element, one level per dependency step up to the maximum depth, each element
 * reached once (at its shortest distance) with the path that first reached it. The resolver's
 * validated `$depth` (1–4) stops the walk early.
 *
 * A step follows a relationship in the direction a change travels (schema/metamodel.ts,
 * `RELATIONSHIPS[t].dependent`): forward along types whose target depends on the source
 * (a law REGULATES a solution), backward along types whose source depends on the target
 * (a standard BASED_ON another). Types come from the metamodel's fixed lists.
 *
 * The walk is unrolled level by level (not a SHORTEST path pattern): each level expands only the
 * elements first reached on the level before, so a hub with thousands of relationships is
 * expanded once, and the cost follows what is reached, not the paths through the graph.
 */
import { DEPENDENCY_TYPES } from '../../schema/metamodel';
import { elementWithStatus } from './element';
import type { Integer } from 'neo4j-driver';
import { defineQuery, type Raw } from '../../store/query';

export const MAX_IMPACT_DEPTH = 4;

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const TYPES = [...DEPENDENCY_TYPES.forward, ...DEPENDENCY_TYPES.backward].join('|');
const STEP = `(startNode(r) = a AND type(r) IN ${list(DEPENDENCY_TYPES.forward)}) OR (endNode(r) = a AND type(r) IN ${list(DEPENDENCY_TYPES.backward)})`;

/** Level `n`: the elements one step from level n-1 not seen before, each with one shortest path. */
function level(n: number): string {
  const previous = `level${n - 1}`;
  return `
CALL (${previous}, seen${n - 1}) {
  UNWIND CASE WHEN $depth >= ${n} THEN ${previous} ELSE [] END AS f
  WITH f.node AS a, f.path AS path, seen${n - 1} AS seen
  MATCH (a)-[r:${TYPES}]-(b:Element)
  WHERE (${STEP}) AND NOT b IN seen
  WITH b, path + [{from: startNode(r).id, type: type(r), to: endNode(r).id}] AS path
  ORDER BY b.id, [s IN path | s.from + ' ' + s.type + ' ' + s.to]
  WITH b, collect(path)[0] AS path
  RETURN collect({node: b, path: path}) AS level${n}
}
WITH *, seen${n - 1} + [x IN level${n} | x.node] AS seen${n}`;
}

const LEVELS = Array.from({ length: MAX_IMPACT_DEPTH }, (_, i) => level(i + 1)).join('');
const ALL_LEVELS = Array.from({ length: MAX_IMPACT_DEPTH }, (_, i) => `level${i + 1}`).join(' + ');

export const IMPACT_OF_ELEMENT = defineQuery<{ element: string; depth: Integer; asOf: string }, { root: Raw; dependents: Raw[] }>(`
MATCH (root:Element {id: $element})
WITH root, [{node: root, path: []}] AS level0, [root] AS seen0
${LEVELS}
CALL (${Array.from({ length: MAX_IMPACT_DEPTH }, (_, i) => `level${i + 1}`).join(', ')}) {
  UNWIND ${ALL_LEVELS} AS d
  WITH d.node AS x, d.path AS path
  ORDER BY size(path), x.name, x.id
  RETURN collect({element: ${elementWithStatus('x')}, distance: size(path), path: path}) AS dependents
}
RETURN ${elementWithStatus('root')} AS root, dependents`);
