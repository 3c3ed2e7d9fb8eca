/**
 * "Everything about one element" in one round trip, and the batched look-ups the loaders use when
 * a list view asks for per-element details (one query per batch, never one per element).
 */
import { defineQuery, type Raw } from '../../store/query';
import { openChangesOf, statusCypher } from './status';

/** The loaders' batched look-ups take the ids of a batch and the date of the status. */
type ByIds = { ids: readonly string[]; asOf: string };

/** An element map with its derived status on `$asOf` (queries that show elements pass today), or on `$today`. */
export function elementWithStatus(e: string, at: '$asOf' | '$today' = '$asOf'): string {
  return `${e} {.*, status: ${statusCypher(e, openChangesOf(e), at)}}`;
}

const RELATIONSHIPS_OF = (e: string) => `
  [(${e})-[r]->(o:Element) | {type: type(r), direction: 'OUTGOING', from: ${e}.id, to: o.id, other: ${elementWithStatus('o')},
     layer: r.layer, validFrom: r.validFrom, validTo: r.validTo, sources: r.sources, note: r.note}] +
  [(${e})<-[r]-(o:Element) | {type: type(r), direction: 'INCOMING', from: o.id, to: ${e}.id, other: ${elementWithStatus('o')},
     layer: r.layer, validFrom: r.validFrom, validTo: r.validTo, sources: r.sources, note: r.note}]`;

/** The dated events that concern element `e`, with the ids of everything each concerns. */
const EVENTS_OF = (e: string) => `[(v:Event)-[:CONCERNS]->(${e}) | v {.*, elements: [(v)-[:CONCERNS]->(x:Element) | x.id]}]`;

const GAPS_OF = (e: string) => `[(g:Gap)-[:GAP_IN]->(${e}) WHERE g.resolvedAt IS NULL | g {.*, service: ${e}.id}]`;

export const ELEMENT_BY_ID = defineQuery<{ id: string; asOf: string }, { element: Raw; relationships: Raw[]; changes: Raw[]; gaps: Raw[]; events: Raw[] }>(`
MATCH (e:Element {id: $id})
RETURN ${elementWithStatus('e')} AS element,
       ${RELATIONSHIPS_OF('e')} AS relationships,
       ${openChangesOf('e')} AS changes,
       ${GAPS_OF('e')} AS gaps,
       ${EVENTS_OF('e')} AS events`);

export const ELEMENTS_BY_IDS = defineQuery<ByIds, { element: Raw }>(`
MATCH (e:Element) WHERE e.id IN $ids
RETURN ${elementWithStatus('e')} AS element`);

export const RELATIONSHIPS_OF_ELEMENTS = defineQuery<ByIds, { id: string; relationships: Raw[] }>(`
MATCH (e:Element) WHERE e.id IN $ids
RETURN e.id AS id, ${RELATIONSHIPS_OF('e')} AS relationships`);

export const CHANGES_OF_ELEMENTS = defineQuery<ByIds, { id: string; changes: Raw[] }>(`
MATCH (e:Element) WHERE e.id IN $ids
RETURN e.id AS id, ${openChangesOf('e')} AS changes`);

export const GAPS_OF_ELEMENTS = defineQuery<ByIds, { id: string; gaps: Raw[] }>(`
MATCH (e:Element) WHERE e.id IN $ids
RETURN e.id AS id, ${GAPS_OF('e')} AS gaps`);

export const EVENTS_OF_ELEMENTS = defineQuery<ByIds, { id: string; events: Raw[] }>(`
MATCH (e:Element) WHERE e.id IN $ids
RETURN e.id AS id, ${EVENTS_OF('e')} AS events`);

/**
 * "What happened or is expected when?" Events whose period overlaps from..to (a year-precise
 * event counts for its whole year), optionally those concerning one element, in date order.
 */
export const EVENTS = defineQuery<
  { from: string | null; to: string | null; element: string | null; happened: boolean | null },
  { elementMissing: boolean; events: Raw[] }
>(`
OPTIONAL MATCH (el:Element {id: $element})
CALL () {
  MATCH (v:Event)
  WHERE ($from IS NULL OR v.dateBy >= $from)
    AND ($to IS NULL OR v.dateFrom <= $to)
    AND ($happened IS NULL OR v.happened = $happened)
    AND ($element IS NULL OR EXISTS { (v)-[:CONCERNS]->(:Element {id: $element}) })
  WITH v ORDER BY v.dateFrom, v.dateBy, v.id
  RETURN collect(v {.*, elements: [(v)-[:CONCERNS]->(x:Element) | x.id]}) AS events
}
RETURN $element IS NOT NULL AND el IS NULL AS elementMissing, events`);
