/**
 * "What applies to this information service on each layer, and with what status, on a date?"
 * One round trip: the service, its cells (element, layer row, why, open changes, actor types it
 * regulates), its open gaps and the requested perspective.
 */
import { elementWithStatus } from './element';
import { CELLS_OF_SERVICE, gapOpenCypher } from './status';
import { defineQuery, type Raw } from '../../store/query';

export const HEAT_MAP_OF_SERVICE = defineQuery<
  { service: string; perspective: string | null; asOf: string; today: string },
  { service: Raw; serviceElement: Raw; workProcess: string | null; cells: Raw[]; gaps: Raw[]; perspective: Raw | null; perspectiveMissing: boolean }
>(`
MATCH (s:Element:InformationService {id: $service})
OPTIONAL MATCH (p:Perspective {id: $perspective})
${CELLS_OF_SERVICE}
CALL (s) {
  OPTIONAL MATCH (g:Gap)-[:GAP_IN]->(s)
  WHERE ${gapOpenCypher('g')}
  RETURN collect(g {.*, service: s.id}) AS gaps
}
RETURN s {.*, normCount: COUNT { (:Element)-[:APPLIES_TO]->(s) }} AS service, ${elementWithStatus('s', '$today')} AS serviceElement, [(s)-[:PART_OF]->(w:WorkProcess) | w.id][0] AS workProcess,
       cells, gaps, p {.*} AS perspective, $perspective IS NOT NULL AND p IS NULL AS perspectiveMissing`);
