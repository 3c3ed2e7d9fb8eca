/**
 * "Which elements match this filter?" — one page and the total, in one round trip. Kinds select
 * by label (spliced from the metamodel list); text goes through the full-text index (accent- and
 * case-insensitive words and prefixes, see ./search.ts); status is today's derived status.
 * Only the page is projected into maps; the rest of the matches stay node references.
 */
import type { Kind } from '../../schema/metamodel';
import type { Integer } from 'neo4j-driver';
import { FULLTEXT_INDEX } from '../../store/constraints';
import { defineQuery, type Query, type Raw } from '../../store/query';
import { kindLabels } from './labels';
import { openChangesOf, statusCypher } from './status';

export type ElementsPageParams = {
  service: string | null;
  lucene: string | null;
  layers: readonly string[] | null;
  statuses: readonly string[] | null;
  normativeLevels: readonly string[] | null;
  lifecycles: readonly string[] | null;
  asOf: string;
  offset: Integer;
  first: Integer;
};

/** The page query for a set of kinds (none: every element). */
export function elementsPageCypher(kinds: readonly Kind[] | null): Query<ElementsPageParams, { serviceMissing: boolean; totalCount: number; page: Raw[] }> {
  const labels = kindLabels(kinds);
  return defineQuery(`
OPTIONAL MATCH (svc:Element:InformationService {id: $service})
CALL () {
  CALL () {
    WITH 1 AS textSearch WHERE $lucene IS NOT NULL
    CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $lucene) YIELD node
    WITH node AS e WHERE e:${labels}
    RETURN e
    UNION ALL
    MATCH (e:${labels}) WHERE $lucene IS NULL
    RETURN e
  }
  WITH e
  WHERE ($layers IS NULL OR any(l IN e.layers WHERE l IN $layers))
    AND ($normativeLevels IS NULL OR e.normativeLevel IN $normativeLevels)
    AND ($lifecycles IS NULL OR e.lifecycle IN $lifecycles)
    AND ($service IS NULL OR EXISTS { (e)-[:APPLIES_TO]->(:InformationService {id: $service}) })
  WITH e, ${statusCypher('e', openChangesOf('e'))} AS status
  WHERE $statuses IS NULL OR status IN $statuses
  WITH e, status ORDER BY e.name, e.id
  RETURN collect({node: e, status: status}) AS matches
}
CALL (matches) {
  UNWIND matches[$offset..($offset + $first)] AS m
  WITH m.node AS e, m.status AS status
  RETURN collect(e {.*, status: status}) AS page
}
RETURN $service IS NOT NULL AND svc IS NULL AS serviceMissing, size(matches) AS totalCount, page`);
}
