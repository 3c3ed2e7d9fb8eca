/**
 * How a cell's heat-map status is derived for a date, as Cypher fragments that every view splices
 * in; the specification is schema/status.ts, and a test against a database checks they agree.
 */
import { COMING, ENDING, GONE } from '../../schema/status';

export { deriveStatus, isVisible, type StatusInputs } from '../../schema/status';

/** The date parameters a query may derive statuses on. */
export type DateParam = '$asOf' | '$today' | '$from' | '$to';

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** Open planned changes of element `e`, as maps with their measure and replacement ids. */
export function openChangesOf(e: string): string {
  return `[(c:PlannedChange)-[:CHANGES]->(${e}) WHERE c.completedAt IS NULL | c {.*, element: ${e}.id, measure: [(c)-[:UNDER_MEASURE]->(m) | m.id][0], replacement: [(c)-[:REPLACED_BY]->(x) | x.id][0]}]`;
}

/**
 * Cypher boolean: `isVisible` for element `e` with open changes `open`, on the date parameter `at`
 * (`$asOf` unless a view compares two dates in one query, as heatMapDiff does).
 */
export function visibleCypher(e: string, open: string, at: DateParam = '$asOf'): string {
  return visibleIf(e, `any(c IN ${open} WHERE c.change = 'INTRODUCE')`, at);
}

/**
 * `visibleCypher` for a stored element `e` without its open changes at hand: the planned
 * introduction is an EXISTS, which the planner evaluates only for the rows that need it (an
 * element valid from a later date), where a list of open changes would be read for every row.
 */
export function visibleNodeCypher(e: string, at: DateParam = '$asOf'): string {
  return visibleIf(e, `EXISTS { (c:PlannedChange)-[:CHANGES]->(${e}) WHERE c.completedAt IS NULL AND c.change = 'INTRODUCE' }`, at);
}

function visibleIf(e: string, introductionPlanned: string, at: DateParam): string {
  return `(NOT ${e}.lifecycle IN ${list(GONE)} AND (${e}.validTo IS NULL OR ${e}.validTo > ${at}) AND (${e}.validFrom IS NULL OR ${e}.validFrom <= ${at} OR ${introductionPlanned}))`;
}

/**
 * Cypher expression: `deriveStatus` for element `e` with open changes `open`, on the date in
 * parameter `at` (`$asOf` by default; `$today` for an element's own status, which is today's;
 * `$from`/`$to` where a view compares two dates in one query).
 */
export function statusCypher(e: string, open: string, at: DateParam = '$asOf'): string {
  return `CASE
    WHEN ${e}.lifecycle IN ${list(GONE)} THEN null
    WHEN ${e}.lifecycle = 'PHASING_OUT' OR any(c IN ${open} WHERE c.change IN ${list(ENDING)} AND c.dueBy <= ${at}) THEN 'PHASE_OUT'
    WHEN ${e}.lifecycle IN ${list(COMING)} OR coalesce(${e}.validFrom, '') > ${at} OR any(c IN ${open} WHERE c.dueBy IS NULL OR c.dueBy > ${at}) THEN 'CHANGES_PLANNED'
    ELSE 'EXISTS' END`;
}

/** Cypher boolean: a relationship `r` (with optional validity) holds on the date parameter `at`. */
export function relationshipHoldsCypher(r: string, at: DateParam = '$asOf'): string {
  return `((${r}.validFrom IS NULL OR ${r}.validFrom <= ${at}) AND (${r}.validTo IS NULL OR ${r}.validTo > ${at}))`;
}

/** Cypher boolean: gap `g` is open on the date parameter `at`. */
export function gapOpenCypher(g: string, at: DateParam = '$asOf'): string {
  return `((${g}.identifiedAt IS NULL OR ${g}.identifiedAt <= ${at}) AND (${g}.resolvedAt IS NULL OR ${g}.resolvedAt > ${at}))`;
}

/**
 * The cells of service `s` on `$asOf`: each element that applies (and is visible then), its layer
 * row, why it is there, its open changes and the actor types it regulates. Shared by the heat map
 * and the norms view, which answer the same question for different audiences.
 */
export const CELLS_OF_SERVICE = `CALL (s) {
  OPTIONAL MATCH (e:Element)-[r:APPLIES_TO]->(s)
  WHERE ${relationshipHoldsCypher('r')}
  WITH e, r, ${openChangesOf('e')} AS open
  WHERE e IS NOT NULL AND ${visibleCypher('e', 'open')}
  RETURN collect({
    // The element keeps today's status (Element.status means today); the cell has the asked date's.
    element: e {.*, status: ${statusCypher('e', 'open', '$today')}},
    status: ${statusCypher('e', 'open')},
    layer: r.layer, sources: r.sources, note: r.note, changes: open,
    actorTypes: [(e)-[:REGULATES]->(a:ActorType) | a.id]
  }) AS cells
}`;
