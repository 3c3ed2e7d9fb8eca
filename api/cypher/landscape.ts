/**
 * "Which work processes, information services and actor types make up the landscape, and how
 * does each service's heat map look on a date?" One round trip; the per-service status counts use
 * the same derivation as the heat map (the fragments of ./status.ts).
 */
import { gapOpenCypher, openChangesOf, relationshipHoldsCypher, statusCypher, visibleCypher } from './status';
import { defineQuery, type Raw } from '../../store/query';

/**
 * Subqueries that bind, for information service `s`, `cellStatuses` (the derived status of every
 * cell of its heat map on $asOf) and `openGaps` (its open unmet needs). Splice once per query.
 */
export function serviceSummaryCypher(s: string): string {
  return `CALL (${s}) {
    OPTIONAL MATCH (e:Element)-[r:APPLIES_TO]->(${s})
    WHERE ${relationshipHoldsCypher('r')}
    WITH e, ${openChangesOf('e')} AS open
    WHERE e IS NOT NULL AND ${visibleCypher('e', 'open')}
    RETURN collect(${statusCypher('e', 'open')}) AS cellStatuses
  }
  CALL (${s}) {
    OPTIONAL MATCH (g:Gap)-[:GAP_IN]->(${s})
    WHERE ${gapOpenCypher('g')}
    RETURN count(g) AS openGaps
  }`;
}

/** The map of a service summarised by `serviceSummaryCypher` (read by views/landscape.ts). */
export function serviceSummaryMap(s: string): string {
  return `${s} {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(${s}) }, workProcesses: [(${s})-[:PART_OF]->(w:WorkProcess) | w.id], cellStatuses: cellStatuses, openGaps: openGaps}`;
}

/**
 * Information services summarised on `$asOf` (ids in `$ids`), for a list that gave only their
 * names (the vendors' view) when a request asks for a summary field: one query per batch.
 */
export const SERVICE_SUMMARIES = defineQuery<{ ids: readonly string[]; asOf: string }, { service: Raw }>(`
UNWIND $ids AS serviceId
MATCH (s:Element:InformationService {id: serviceId})
${serviceSummaryCypher('s')}
RETURN ${serviceSummaryMap('s')} AS service`);

export const LANDSCAPE = defineQuery<{ asOf: string }, { services: Raw[]; workProcesses: Raw[]; actorTypes: Raw[] }>(`
CALL () {
  MATCH (s:InformationService)
  WHERE ${visibleCypher('s', openChangesOf('s'))}
  ${serviceSummaryCypher('s')}
  RETURN collect(${serviceSummaryMap('s')}) AS services
}
CALL () {
  MATCH (w:WorkProcess)
  WHERE ${visibleCypher('w', openChangesOf('w'))}
  RETURN collect(w {.*, actorTypes: [(a:ActorType)-[:PERFORMS]->(w) | a.id]}) AS workProcesses
}
CALL () {
  MATCH (a:ActorType)
  WHERE NOT a.lifecycle IN ['EXPIRED', 'WITHDRAWN']
  RETURN collect(a {.*, workProcesses: [(a)-[:PERFORMS]->(w:WorkProcess) | w.id]}) AS actorTypes
}
RETURN services, workProcesses, actorTypes`);
