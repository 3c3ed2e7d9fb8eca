/**
 * The roadmap questions, one round trip each: "where are the unmet needs?", "what changes are
 * due between two dates?" and "which national measures come first?". Each row carries the
 * elements it refers to (with today's status) so nested fields need no further query.
 */
import { elementWithStatus } from './element';
import { defineQuery, type Raw } from '../../store/query';

const orNull = (v: string) => `CASE WHEN ${v} IS NULL THEN null ELSE ${elementWithStatus(v)} END`;

export const GAPS = defineQuery<
  { service: string | null; layer: string | null; includeResolved: boolean; asOf: string },
  { serviceMissing: boolean; gaps: { gap: Raw; service: Raw }[] }
>(`
OPTIONAL MATCH (svc:Element:InformationService {id: $service})
CALL () {
  MATCH (g:Gap)-[:GAP_IN]->(s:Element)
  WHERE ($service IS NULL OR s.id = $service)
    AND ($layer IS NULL OR g.layer = $layer)
    AND ($includeResolved OR g.resolvedAt IS NULL OR g.resolvedAt > $asOf)
  WITH g, s ORDER BY s.name, g.layer, g.title, g.id
  RETURN collect({gap: g {.*, service: s.id}, service: ${elementWithStatus('s')}}) AS gaps
}
RETURN $service IS NOT NULL AND svc IS NULL AS serviceMissing, gaps`);

export const PLANNED_CHANGES = defineQuery<
  { from: string | null; to: string | null; includeCompleted: boolean; asOf: string },
  { change: Raw; element: Raw; measure: Raw | null; replacement: Raw | null }
>(`
MATCH (c:PlannedChange)-[:CHANGES]->(e:Element)
WHERE ($from IS NULL OR c.dueBy >= $from)
  AND ($to IS NULL OR c.dueBy <= $to)
  AND ($includeCompleted OR c.completedAt IS NULL)
OPTIONAL MATCH (c)-[:UNDER_MEASURE]->(m:Element)
OPTIONAL MATCH (c)-[:REPLACED_BY]->(x:Element)
RETURN c {.*, element: e.id, measure: m.id, replacement: x.id} AS change,
       ${elementWithStatus('e')} AS element, ${orNull('m')} AS measure, ${orNull('x')} AS replacement
ORDER BY c.dueBy IS NULL, c.dueBy, c.id`);

export const MEASURES_IN_RANK_ORDER = defineQuery<{ asOf: string }, { element: Raw }>(`
MATCH (m:Measure)
RETURN ${elementWithStatus('m')} AS element
ORDER BY m.rank IS NULL, m.rank, m.score IS NULL, m.score DESC, m.name, m.id`);
