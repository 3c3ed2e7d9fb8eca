/**
 * "Which standards and code systems are there per layer, with what status and normative level,
 * which services use them and what is changing?" (the vendors' view) — one page of them in one
 * round trip, in a stable order: by name, then id (Cypher compares strings by UTF-16 code unit).
 * Pages are keyset pages: the cursor names the last entry's (name, id), and the next page seeks
 * the composite index `element_kind_name` from there, so a page costs about the same on the first
 * page as on the thousandth, and on a map of 1 000 elements as on one of 100 000.
 *
 * Without a service, each requested kind is one index seek that reads that kind's standards in
 * name order from the cursor and stops after `$first + 1` matches; the kinds' rows are then merged
 * (at most kinds × (first + 1) rows). With a service it starts from the service (its heat map is
 * small). The expensive parts are there only when asked for (standardsPageCypher's parts): the
 * total counts every match (the whole list, so it grows with the map), the summaries are the
 * page's services' heat-map status counts. The resolver asks for them when the request selects them.
 */
import neo4j from 'neo4j-driver';
import { kindsIn, type Kind } from '../../schema/metamodel';
import { serviceSummaryCypher, serviceSummaryMap } from './landscape';
import { defineQuery, type Query, type Raw } from '../../store/query';
import { openChangesOf, relationshipHoldsCypher, statusCypher, visibleCypher, visibleNodeCypher } from './status';

/** The kinds `standards` lists when none are asked for: the metamodel's standards group. */
export const DEFAULT_STANDARD_KINDS: readonly Kind[] = kindsIn('standard');

/** Where an entry stands in the order; a cursor encodes the last one of a page. */
export interface StandardPosition {
  name: string;
  id: string;
}

/** The filters of a page, validated. */
export interface StandardsFilter {
  kinds: readonly Kind[];
  layer: string | null;
  normativeLevels: readonly string[] | null;
  statuses: readonly string[] | null;
  service: string | null;
  asOf: string;
}

export type StandardsPageParams = {
  kinds: readonly Kind[];
  after: StandardPosition | null;
  from: string;
  first: ReturnType<typeof neo4j.int>;
  layer: string | null;
  normativeLevels: readonly string[] | null;
  statuses: readonly string[] | null;
  service: string | null;
  asOf: string;
  today: string;
};

/** A page's row: the entries, and the total and summaries when they were asked for (else null). */
export type StandardsPageRow = { serviceMissing: boolean; entries: Raw[]; totalCount: unknown; services: Raw[] | null };

/** The parameters of standardsPageCypher for a page (the resolver's and the benchmark's). */
export function standardsPageParams(filter: StandardsFilter, after: StandardPosition | null, first: number, today: string): StandardsPageParams {
  return {
    kinds: filter.kinds,
    after,
    // Where each kind's index seek starts: the cursor's name (the query drops what is not after it).
    from: after?.name ?? '',
    first: neo4j.int(first),
    layer: filter.layer,
    normativeLevels: filter.normativeLevels,
    statuses: filter.statuses,
    service: filter.service,
    asOf: filter.asOf,
    today,
  };
}

/**
 * Keeps the standards in `e` that match the filters, with their open changes and status on
 * `$asOf`. The layer and level come first: a property each, before the open changes are read.
 * (An APPLIES_TO's layer is always one of its element's layers, so "used on the layer" is
 * "on the layer".) `extra` is one more condition on `e`.
 */
const MATCHING = (e: string, extra = 'true') => `
  WITH ${e} WHERE ($layer IS NULL OR $layer IN ${e}.layers) AND ($normativeLevels IS NULL OR ${e}.normativeLevel IN $normativeLevels) AND ${extra}
  WITH ${e}, ${openChangesOf(e)} AS open
  WHERE ${visibleCypher(e, 'open')}
  WITH ${e}, open, ${statusCypher(e, 'open')} AS status
  WHERE $statuses IS NULL OR status IN $statuses`;

/**
 * The same filters as one predicate, for the total. Without a status filter only visibility is
 * needed, which reads open changes only for an element valid from a later date; with one, every
 * match's open changes are read.
 */
const MATCHES = (
  e: string,
  statusFilter: boolean,
) => `($layer IS NULL OR $layer IN ${e}.layers) AND ($normativeLevels IS NULL OR ${e}.normativeLevel IN $normativeLevels)
    AND ${statusFilter ? `${visibleCypher(e, openChangesOf(e))} AND ${statusCypher(e, openChangesOf(e))} IN $statuses` : visibleNodeCypher(e)}`;

/** The standards of `svc` (by a relationship that holds on `$asOf`), for the page and the total. */
const OF_SERVICE = (e: string) => `EXISTS { (${e})-[r:APPLIES_TO]->(svc) WHERE ${relationshipHoldsCypher('r')} }`;

/**
 * The candidate standards when a service is given: the elements of the requested kinds that apply
 * to it (once each), for the page and the total alike; nothing when there is no service.
 */
const SERVICE_STANDARDS = `WITH svc WHERE svc IS NOT NULL
    MATCH (e:Element)-[:APPLIES_TO]->(svc)
    WHERE e.kind IN $kinds
    WITH DISTINCT e`;

/** After the cursor `$after` ({name, id}) in the order, or every entry when it is null. */
const AFTER_CURSOR = (e: string) => `($after IS NULL OR ${e}.name > $after.name OR (${e}.name = $after.name AND ${e}.id > $after.id))`;

/** What a request asks for beyond the page: the total, and summaries of the page's services. */
export interface StandardsPageParts {
  count: boolean;
  summaries: boolean;
  /** Whether `$statuses` is set (the total then derives every match's status). */
  statusFilter: boolean;
}

/**
 * The page query, with the total and the services' summaries only when asked for (spliced in as
 * text, not switched by a parameter: the planner would do the work first and filter it away).
 * Parameters (standardsPageParams): `$kinds`, `$after` ({name, id} or null), `$from`, `$first`,
 * the filters (`$layer`, `$normativeLevels`, `$statuses`, `$service`), `$asOf`, `$today`.
 */
export function standardsPageCypher(parts: StandardsPageParts): Query<StandardsPageParams, StandardsPageRow> {
  const count = parts.count
    ? `
CALL (svc) {
  // Every match: the whole list, so this part grows with the map.
  CALL (svc) {
    ${SERVICE_STANDARDS}
    WHERE ${OF_SERVICE('e')}
    RETURN e
    UNION ALL
    WITH svc WHERE $service IS NULL
    MATCH (e:Element)
    WHERE e.kind IN $kinds
    RETURN e
  }
  WITH e WHERE ${MATCHES('e', parts.statusFilter)}
  RETURN count(e) AS totalCount
}`
    : `
WITH svc, entries, null AS totalCount`;
  const summaries = parts.summaries
    ? `
CALL (entries) {
  // The page's services summarised: the status counts of their heat maps.
  UNWIND entries AS entry
  UNWIND entry.uses AS use
  WITH DISTINCT use.service.id AS serviceId
  MATCH (s:Element:InformationService {id: serviceId})
  ${serviceSummaryCypher('s')}
  RETURN collect(${serviceSummaryMap('s')}) AS services
}`
    : `
WITH svc, entries, totalCount, null AS services`;
  return defineQuery(`
OPTIONAL MATCH (svc:Element:InformationService {id: $service})
CALL (svc) {
  CALL (svc) {
    // One service: start from it — its standards, not every standard on the map.
    ${SERVICE_STANDARDS}
    WHERE ${AFTER_CURSOR('e')}
    ${MATCHING('e', OF_SERVICE('e'))}
    RETURN e, open, status
    UNION ALL
    // The whole map: per kind, an index seek in name order from the cursor, stopping after a page.
    WITH svc WHERE $service IS NULL
    UNWIND $kinds AS kind
    CALL (kind) {
      MATCH (e:Element)
      WHERE e.kind = kind AND e.name >= $from
      WITH e WHERE ${AFTER_CURSOR('e')}
      ${MATCHING('e')}
      // By kind too (one kind here): so the planner reads the order from the index and stops early.
      WITH e, open, status ORDER BY e.kind, e.name, e.id
      LIMIT $first + 1
      RETURN e, open, status
    }
    RETURN e, open, status
  }
  WITH e, open, status ORDER BY e.name, e.id
  LIMIT $first + 1
  RETURN collect({
    element: e {.*, status: ${statusCypher('e', 'open', '$today')}},
    status: status,
    uses: [(e)-[r:APPLIES_TO]->(s:InformationService) WHERE ${relationshipHoldsCypher('r')}
           | {service: s {.id, .name, .nameEn, .description, .sources}, layer: r.layer}],
    changes: open
  }) AS entries
}${count}${summaries}
RETURN $service IS NOT NULL AND svc IS NULL AS serviceMissing, entries, totalCount, services`);
}

/** The page alone (no total, no summaries): what a "show more" request of the web runs. */
export const STANDARDS_PAGE = standardsPageCypher({ count: false, summaries: false, statusFilter: false });
/** The page with everything: the total and the services' summaries. */
export const STANDARDS_PAGE_COUNTED_SUMMARISED = standardsPageCypher({ count: true, summaries: true, statusFilter: true });
