/**
 * The planning views' questions, one round trip each:
 * - "what changes on this service's heat map between two dates, and why?" (HEAT_MAP_DIFF)
 * - "how does each service's heat map change between two dates?" (LANDSCAPE_DIFF)
 * - "what is planned and what happened when?" (TIMELINE)
 * - "which norms apply to this actor type or work process, across the whole map?" (NORMS_FOR_ROLE)
 * - "which what-if scenarios are saved?" (SCENARIOS, SCENARIO_BY_ID)
 * Both dates of a comparison are derived with the same fragments as the heat map (./status.ts),
 * bound to `$from` and `$to` instead of `$asOf`.
 */
import { elementWithStatus } from './element';
import { CELLS_OF_SERVICE, gapOpenCypher, openChangesOf, relationshipHoldsCypher, statusCypher, visibleCypher, type DateParam } from './status';
import { defineQuery, type Raw } from '../../store/query';

/** Cypher: the status of cell (e, r) on date parameter `at`, or null when it is not on the map then. */
const statusOn = (at: DateParam) =>
  `CASE WHEN ${relationshipHoldsCypher('r', at)} AND ${visibleCypher('e', 'open', at)} THEN ${statusCypher('e', 'open', at)} END`;

/**
 * Binds `cells` (every cell of service `s` on either date, with its status on each and its open
 * changes) and `gaps` (every gap open on either date, with whether it is open on each).
 */
function cellsOnTwoDates(s: string, full: boolean): string {
  const cell = full ? `{element: ${elementWithStatus('e')}, layer: r.layer, before: before, after: after, changes: open}` : `{before: before, after: after}`;
  const gap = full
    ? `g {.*, service: ${s}.id, openBefore: ${gapOpenCypher('g', '$from')}, openAfter: ${gapOpenCypher('g', '$to')}}`
    : `{openBefore: ${gapOpenCypher('g', '$from')}, openAfter: ${gapOpenCypher('g', '$to')}}`;
  return `CALL (${s}) {
    OPTIONAL MATCH (e:Element)-[r:APPLIES_TO]->(${s})
    WITH e, r, ${openChangesOf('e')} AS open
    WHERE e IS NOT NULL
    WITH e, r, open, ${statusOn('$from')} AS before, ${statusOn('$to')} AS after
    WHERE before IS NOT NULL OR after IS NOT NULL
    RETURN collect(${cell}) AS cells
  }
  CALL (${s}) {
    OPTIONAL MATCH (g:Gap)-[:GAP_IN]->(${s})
    WITH g WHERE g IS NOT NULL AND (${gapOpenCypher('g', '$from')} OR ${gapOpenCypher('g', '$to')})
    RETURN collect(${gap}) AS gaps
  }`;
}

export const HEAT_MAP_DIFF = defineQuery<
  { service: string; from: string; to: string; asOf: string },
  { service: Raw; workProcess: string | null; cells: Raw[]; gaps: Raw[] }
>(`
MATCH (s:Element:InformationService {id: $service})
${cellsOnTwoDates('s', true)}
RETURN s {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(s) }} AS service, [(s)-[:PART_OF]->(w:WorkProcess) | w.id][0] AS workProcess, cells, gaps`);

/** Every service that exists on either date (as the landscape draws them), summarised. */
export const LANDSCAPE_DIFF = defineQuery<{ from: string; to: string }, { service: Raw; cells: Raw[]; gaps: Raw[] }>(`
MATCH (s:InformationService)
WHERE ${visibleCypher('s', openChangesOf('s'), '$from')} OR ${visibleCypher('s', openChangesOf('s'), '$to')}
${cellsOnTwoDates('s', false)}
RETURN s {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(s) }, workProcesses: [(s)-[:PART_OF]->(w:WorkProcess) | w.id]} AS service, cells, gaps
ORDER BY s.name, s.id`);

/** Services whose heat map shows element `e` (or `e` itself when it is a service). */
const servicesOf = (e: string) => `[(${e})-[:APPLIES_TO]->(sv:InformationService) | sv.id] + CASE WHEN ${e}:InformationService THEN [${e}.id] ELSE [] END`;

/**
 * The time axis: changes due in the window (and those with no date), events overlapping it,
 * measures with the dates of their changes and events (the view makes the span, by period). The elements come with today's status, so
 * the resolver primes them and nested fields cost nothing more.
 */
export const TIMELINE = defineQuery<{ from: string; to: string; asOf: string }, { changes: Raw[]; events: Raw[]; measures: Raw[] }>(`
CALL () {
  MATCH (c:PlannedChange)-[:CHANGES]->(e:Element)
  WHERE c.dueBy IS NULL OR (c.dueBy >= $from AND c.dueBy <= $to)
  OPTIONAL MATCH (c)-[:UNDER_MEASURE]->(m:Element)
  OPTIONAL MATCH (c)-[:REPLACED_BY]->(x:Element)
  WITH c, e, m, x ORDER BY c.dueBy IS NULL, c.dueBy, c.id
  RETURN collect({change: c {.*, element: e.id, measure: m.id, replacement: x.id}, element: ${elementWithStatus('e')},
    measure: CASE WHEN m IS NULL THEN null ELSE ${elementWithStatus('m')} END,
    replacement: CASE WHEN x IS NULL THEN null ELSE ${elementWithStatus('x')} END,
    services: ${servicesOf('e')}, layers: coalesce([(e)-[a:APPLIES_TO]->(:InformationService) | a.layer], []) + coalesce(e.layers, [])}) AS changes
}
CALL () {
  MATCH (v:Event)
  WHERE v.dateBy >= $from AND v.dateFrom <= $to
  WITH v ORDER BY v.dateFrom, v.dateBy, v.id
  RETURN collect({event: v {.*, elements: [(v)-[:CONCERNS]->(x:Element) | x.id]},
    elements: [(v)-[:CONCERNS]->(x:Element) | ${elementWithStatus('x')}],
    services: reduce(acc = [], x IN [(v)-[:CONCERNS]->(x:Element) | ${servicesOf('x')}] | acc + x),
    layers: reduce(acc = [], x IN [(v)-[:CONCERNS]->(x:Element) | coalesce(x.layers, [])] | acc + x),
    measures: [(v)-[:CONCERNS]->(x:Measure) | x.id] + [(v)-[:CONCERNS]->(:Element)<-[:CHANGES]-(:PlannedChange)-[:UNDER_MEASURE]->(x:Measure) | x.id]}) AS events
}
CALL () {
  MATCH (m:Measure)
  WITH m,
       [(c:PlannedChange)-[:UNDER_MEASURE]->(m) WHERE c.due IS NOT NULL | c.due] + [(v:Event)-[:CONCERNS]->(m) | v.date] AS dates,
       reduce(acc = [], x IN [(c:PlannedChange)-[:UNDER_MEASURE]->(m) | [(c)-[:CHANGES]->(e:Element) | ${servicesOf('e')}]] | acc + reduce(a2 = [], y IN x | a2 + y)) AS services,
       reduce(acc = [], x IN [(c:PlannedChange)-[:UNDER_MEASURE]->(m) | [(c)-[:CHANGES]->(e:Element) | coalesce(e.layers, [])]] | acc + reduce(a2 = [], y IN x | a2 + y)) AS layers
  WHERE size(dates) > 0
  WITH m, dates, services, layers ORDER BY m.rank IS NULL, m.rank, m.id
  RETURN collect({measure: ${elementWithStatus('m')}, dates: dates, services: services, layers: layers}) AS measures
}
RETURN changes, events, measures`);

/**
 * The norms for a role: the information services of the work processes the actor type performs
 * (or of the one work process), and every cell of their heat maps on $asOf (CELLS_OF_SERVICE).
 */
export const NORMS_FOR_ROLE = defineQuery<
  { actorType: string | null; workProcess: string | null; asOf: string; today: string },
  { actorType: Raw | null; workProcess: Raw | null; actorTypeMissing: boolean; workProcessMissing: boolean; perService: Raw[] }
>(`
OPTIONAL MATCH (a:Element:ActorType {id: $actorType})
OPTIONAL MATCH (wp:Element:WorkProcess {id: $workProcess})
CALL (a, wp) {
  OPTIONAL MATCH (w:WorkProcess) WHERE (a IS NOT NULL AND (a)-[:PERFORMS]->(w)) OR w = wp
  OPTIONAL MATCH (s:InformationService)-[:PART_OF]->(w)
  RETURN [x IN collect(DISTINCT s) WHERE ${visibleCypher('x', openChangesOf('x'))}] AS services
}
UNWIND CASE WHEN size(services) = 0 THEN [null] ELSE services END AS s
${CELLS_OF_SERVICE}
WITH a, wp, collect(CASE WHEN s IS NULL THEN null ELSE {service: s {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(s) }}, workProcess: [(s)-[:PART_OF]->(w:WorkProcess) | w.id][0], cells: cells} END) AS perService
RETURN a {.*, workProcesses: [(a)-[:PERFORMS]->(w:WorkProcess) | w.id]} AS actorType,
       wp {.*, actorTypes: [(x:ActorType)-[:PERFORMS]->(wp) | x.id]} AS workProcess,
       $actorType IS NOT NULL AND a IS NULL AS actorTypeMissing,
       $workProcess IS NOT NULL AND wp IS NULL AS workProcessMissing,
       perService`);

export const SCENARIOS = defineQuery<Record<string, never>, { scenario: Raw }>(`
MATCH (x:Scenario)
RETURN x {.*} AS scenario
ORDER BY x.name, x.id`);

export const SCENARIO_BY_ID = defineQuery<{ id: string }, { scenario: Raw }>(`
MATCH (x:Scenario {id: $id})
RETURN x {.*} AS scenario`);
