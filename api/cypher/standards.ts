/**
 * "Which standards and code systems are there per layer, with what status and normative level,
 * which services use them and what is changing?" (the vendors' view). One round trip: the matching
 * standards with their derived status, APPLIES_TO uses and open changes, then a summary (status
 * counts) of each service that uses one of them, and whether the requested service exists.
 */
import { kindsIn, type Kind } from '../../schema/metamodel';
import { serviceSummaryCypher, serviceSummaryMap } from './landscape';
import { defineQuery, type Query, type Raw } from '../../store/query';
import { kindLabels } from './labels';
import { openChangesOf, relationshipHoldsCypher, statusCypher, visibleCypher } from './status';

/** The kinds `standards` lists when none are asked for: the metamodel's standards group. */
export const DEFAULT_STANDARD_KINDS: readonly Kind[] = kindsIn('standard');

export type StandardsParams = {
  layer: string | null;
  normativeLevels: readonly string[] | null;
  statuses: readonly string[] | null;
  service: string | null;
  asOf: string;
  today: string;
};

/** The standards query for a set of kinds (labels spliced from the metamodel list). */
export function standardsByLayerCypher(kinds: readonly Kind[]): Query<StandardsParams, { serviceMissing: boolean; entries: Raw[]; services: Raw[] }> {
  return defineQuery(`
OPTIONAL MATCH (svc:Element:InformationService {id: $service})
CALL (svc) {
  CALL (svc) {
    // For one service, start from it: its standards, not every standard on the map.
    MATCH (e:${kindLabels(kinds)})-[:APPLIES_TO]->(svc)
    RETURN e
    UNION
    MATCH (e:${kindLabels(kinds)})
    WHERE $service IS NULL
    RETURN e
  }
  WITH e
  WHERE $normativeLevels IS NULL OR e.normativeLevel IN $normativeLevels
  WITH e, ${openChangesOf('e')} AS open
  WHERE ${visibleCypher('e', 'open')}
  WITH e, open, ${statusCypher('e', 'open')} AS status
  WHERE $statuses IS NULL OR status IN $statuses
  WITH e, open, status,
       [(e)-[r:APPLIES_TO]->(s:InformationService) WHERE ${relationshipHoldsCypher('r')} | {service: s.id, layer: r.layer}] AS uses
  WHERE ($layer IS NULL OR $layer IN e.layers OR any(u IN uses WHERE u.layer = $layer))
    AND ($service IS NULL OR any(u IN uses WHERE u.service = $service))
  RETURN collect({element: e {.*, status: ${statusCypher('e', 'open', '$today')}}, status: status, uses: uses, changes: open}) AS entries
}
CALL (entries) {
  UNWIND entries AS entry
  UNWIND entry.uses AS use
  WITH DISTINCT use.service AS serviceId
  MATCH (s:Element:InformationService {id: serviceId})
  ${serviceSummaryCypher('s')}
  RETURN collect(${serviceSummaryMap('s')}) AS services
}
RETURN $service IS NOT NULL AND svc IS NULL AS serviceMissing, entries, services`);
}

export const STANDARDS_BY_LAYER = standardsByLayerCypher(DEFAULT_STANDARD_KINDS);
