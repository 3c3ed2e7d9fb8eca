/**
 * "Which norms apply to this information service, on each layer, on a date?" (the architects'
 * question). One round trip: the service, every cell of its heat map with why it is there and the
 * actor types the norm regulates, its open gaps (for the counts) and whether the actor type exists.
 * Layer, kind and actor-type selection is done by the view with the heat map's perspective rule.
 */
import { CELLS_OF_SERVICE, gapOpenCypher } from './status';
import { defineQuery, type Raw } from '../../store/query';

export const NORMS_FOR_SERVICE = defineQuery<
  { service: string; actorType: string | null; asOf: string; today: string },
  { service: Raw; workProcess: string | null; cells: Raw[]; openGaps: number; actorTypeMissing: boolean }
>(`
MATCH (s:Element:InformationService {id: $service})
OPTIONAL MATCH (a:Element:ActorType {id: $actorType})
${CELLS_OF_SERVICE}
CALL (s) {
  OPTIONAL MATCH (g:Gap)-[:GAP_IN]->(s)
  WHERE ${gapOpenCypher('g')}
  RETURN count(g) AS openGaps
}
RETURN s {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(s) }} AS service, [(s)-[:PART_OF]->(w:WorkProcess) | w.id][0] AS workProcess, cells, openGaps,
       $actorType IS NOT NULL AND a IS NULL AS actorTypeMissing`);
