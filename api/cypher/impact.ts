/**
 * "What depends on this element, and through which relationships?" One round trip: a shortest
 * dependency path from the element to every dependent within the maximum depth; the resolver's
 * validated `$depth` (1–4) cuts the answer.
 *
 * A step follows a relationship in the direction a change travels (schema/metamodel.ts,
 * `RELATIONSHIPS[t].dependent`): forward along types whose target depends on the source
 * (a law REGULATES a solution), backward along types whose source depends on the target
 * (a standard BASED_ON another). Types come from the metamodel's fixed lists.
 */
import { DEPENDENCY_TYPES } from '../../schema/metamodel';
import { elementWithStatus } from './element';

export const MAX_IMPACT_DEPTH = 4;

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const TYPES = [...DEPENDENCY_TYPES.forward, ...DEPENDENCY_TYPES.backward].join('|');
const STEP = `(startNode(r) = a AND type(r) IN ${list(DEPENDENCY_TYPES.forward)}) OR (endNode(r) = a AND type(r) IN ${list(DEPENDENCY_TYPES.backward)})`;

export const IMPACT_OF_ELEMENT = `
MATCH (root:Element {id: $element})
CALL (root) {
  MATCH p = SHORTEST 1 (root) ((a:Element)-[r:${TYPES}]-(b:Element) WHERE ${STEP}){1,${MAX_IMPACT_DEPTH}} (x:Element)
  WHERE x <> root AND length(p) <= $depth
  WITH x, p ORDER BY length(p), x.name
  RETURN collect({
    element: ${elementWithStatus('x')},
    distance: length(p),
    path: [rel IN relationships(p) | {from: startNode(rel).id, type: type(rel), to: endNode(rel).id}]
  }) AS dependents
}
RETURN ${elementWithStatus('root')} AS root, dependents`;
