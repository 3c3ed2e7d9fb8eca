/**
 * The benchmarked views, one table entry each: the GraphQL request the web map or a client sends,
 * and the Cypher constant its resolver runs with the same parameters as api/resolvers builds them
 * (integers as neo4j.int, as the resolvers send them): the "floor", what Neo4j alone costs
 * through neo4j-driver. Requests vary over subjects (services, elements, words) by
 * index, so both sides ask the same questions in the same order.
 */
import { HEAT_MAP_OF_SERVICE } from '../api/cypher/heat-map';
import { IMPACT_OF_ELEMENT } from '../api/cypher/impact';
import { NORMS_FOR_SERVICE } from '../api/cypher/norms';
import { luceneQuery, SEARCH_CANDIDATES, SEARCH_ELEMENTS, searchTerms } from '../api/cypher/search';
import { DEFAULT_STANDARD_KINDS, standardsPageCypher, standardsPageParams, type StandardPosition } from '../api/cypher/standards';
import { decodeStandardCursor, encodeStandardCursor } from '../api/views/standards';
import { LAYER_IDS } from '../schema/metamodel';
import neo4j from 'neo4j-driver';
import { today } from '../api/model';
import type { Params, Query, Row } from '../store/query';
import type { GraphMap } from '../schema/map';
import { buildSchema, getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildSdl } from '../schema/sdl';
import { HEAT_MAP as WEB_HEAT_MAP, LANDSCAPE as WEB_LANDSCAPE } from '../web/src/queries';

/** What the requests vary over, taken from the map being measured. */
export interface Subjects {
  services: string[];
  /** Norms that others are BASED_ON or that apply to services: impact has something to find. */
  elements: string[];
  words: string[];
  /**
   * Cursors into the vendors' view (`standards`), at standards spread over the whole list: the
   * pages a reader reaches with "show more", the first page (null) among them.
   */
  standardCursors: (string | null)[];
  /** The service with the most APPLIES_TO (the largest heat map), for sanity checks. */
  busiest: { id: string; applying: number };
}

export interface BenchQuery {
  name: string;
  graphql: { query: string; variables(i: number, s: Subjects): Record<string, unknown> };
  cypher: {
    text: string;
    params(i: number, s: Subjects): Record<string, unknown>;
    /** An answer without rows is an error (the subject was not found); false for lists that may be empty. */
    rowExpected: boolean;
  };
}

/** The floor of a view: its query with parameters of the types the query declares. */
function floor<P extends Params>(query: Query<P, Row>, rowExpected: boolean, params: (i: number, s: Subjects) => P): BenchQuery['cypher'] {
  return { text: query.cypher, rowExpected, params };
}

const at = <T>(xs: readonly T[], i: number): T => {
  if (xs.length === 0) throw new Error('no subjects to vary requests over');
  return xs[i % xs.length]!;
};

const HEAT_MAP_QUERY = `query HeatMap($service: ID!) {
  heatMap(service: $service) {
    asOf
    service { id label workProcess }
    rows {
      layer label
      cells {
        element { id label kind lifecycle }
        status normativeLevel
        why { relationship layer note sources { ref } }
        plannedChanges { id change due }
      }
      gaps { id title layer }
      counts { status count }
    }
    counts { status count }
  }
}`;

const NORMS_QUERY = `query Norms($service: ID!) {
  norms(service: $service) {
    asOf totalCount
    service { id label }
    layers {
      layer label
      kinds {
        kind label
        norms { element { id label kind } status normativeLevel why { layer sources { ref } } plannedChanges { id change due } }
      }
    }
  }
}`;

/** What the vendors' view shows of a page: its position and each standard's row. */
const STANDARDS_PAGE_FIELDS = `
    pageInfo { hasNextPage endCursor }
    edges { node {
      element { id name nameEn kind layers lifecycle validFrom normativeLevel status }
      status
      services { service { id name nameEn } layer }
      plannedChanges { id change due dueBy completedAt }
    } }`;

/** The web's vendors' view: a page after the first ("show more": no total), as web/src/queries.ts asks. */
const STANDARDS_QUERY = `query Standards($after: String) {
  standards(first: 50, after: $after) {
${STANDARDS_PAGE_FIELDS}
  }
}`;

/** The same view's first page, with the total it shows ("50 of 60 376"), per layer or all. */
const STANDARDS_FIRST_QUERY = `query StandardsFirst($layer: Layer) {
  standards(first: 50, layer: $layer) {
    totalCount
${STANDARDS_PAGE_FIELDS}
  }
}`;
const LAYER_CHOICES: (string | null)[] = [null, ...LAYER_IDS];

const standardsFilter = (layer: string | null) => ({
  kinds: DEFAULT_STANDARD_KINDS,
  layer,
  normativeLevels: null,
  statuses: null,
  service: null,
  asOf: today(),
});

const SEARCH_QUERY = `query Search($text: String!) {
  search(text: $text, first: 20) { score element { id label kind status } }
}`;

const IMPACT_QUERY = `query Impact($element: ID!) {
  impact(element: $element, depth: 2) {
    depth
    root { id label }
    dependents { distance element { id label kind status } path { from type to } }
  }
}`;

export const QUERIES: BenchQuery[] = [
  {
    name: 'heatMap',
    graphql: { query: HEAT_MAP_QUERY, variables: (i, s) => ({ service: at(s.services, i) }) },
    cypher: floor(HEAT_MAP_OF_SERVICE, true, (i, s) => ({ service: at(s.services, i), perspective: null, asOf: today(), today: today() })),
  },
  {
    name: 'norms',
    graphql: { query: NORMS_QUERY, variables: (i, s) => ({ service: at(s.services, i) }) },
    cypher: floor(NORMS_FOR_SERVICE, true, (i, s) => ({ service: at(s.services, i), actorType: null, asOf: today(), today: today() })),
  },
  {
    name: 'standards',
    graphql: { query: STANDARDS_QUERY, variables: (i, s) => ({ after: at(s.standardCursors, i) }) },
    cypher: floor(standardsPageCypher({ count: false, summaries: false, statusFilter: false }), true, (i, s) => {
      const cursor = at(s.standardCursors, i);
      return standardsPageParams(standardsFilter(null), cursor === null ? null : decodeStandardCursor(cursor), 50, today());
    }),
  },
  {
    name: 'standardsFirst',
    graphql: { query: STANDARDS_FIRST_QUERY, variables: (i) => ({ layer: at(LAYER_CHOICES, i) }) },
    cypher: floor(standardsPageCypher({ count: true, summaries: false, statusFilter: false }), true, (i) =>
      standardsPageParams(standardsFilter(at(LAYER_CHOICES, i)), null, 50, today()),
    ),
  },
  {
    name: 'search',
    graphql: { query: SEARCH_QUERY, variables: (i, s) => ({ text: at(s.words, i) }) },
    cypher: floor(SEARCH_ELEMENTS, false, (i, s) => {
      const text = at(s.words, i).trim();
      const words = searchTerms(text.toLowerCase());
      return { lucene: luceneQuery(text) ?? '', exact: words.join(' '), words, candidates: neo4j.int(SEARCH_CANDIDATES), first: neo4j.int(20), asOf: today() };
    }),
  },
  {
    name: 'impact',
    graphql: { query: IMPACT_QUERY, variables: (i, s) => ({ element: at(s.elements, i) }) },
    cypher: floor(IMPACT_OF_ELEMENT, true, (i, s) => ({ element: at(s.elements, i), depth: neo4j.int(2), asOf: today() })),
  },
];

/** Deterministic shuffle, so "varied" does not mean "sorted by popularity". */
function shuffled<T>(xs: readonly T[], seed = 7): T[] {
  const out = [...xs];
  let a = seed;
  for (let i = out.length - 1; i > 0; i--) {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Subjects from a map: every information service, up to 500 norms, words from element names. */
/** What subjectsOf reads of a map: ids, kinds and names, and which elements relate how. */
export interface SubjectsSource {
  elements: readonly Pick<GraphMap['elements'][number], 'id' | 'kind' | 'name'>[];
  relationships: readonly Pick<GraphMap['relationships'][number], 'type' | 'from' | 'to'>[];
}

export function subjectsOf(map: SubjectsSource): Subjects {
  const services = shuffled(map.elements.filter((e) => e.kind === 'INFORMATION_SERVICE').map((e) => e.id));
  const basedOn = new Set(map.relationships.filter((r) => r.type === 'BASED_ON').map((r) => r.to));
  const applying = new Set(map.relationships.filter((r) => r.type === 'APPLIES_TO').map((r) => r.from));
  const preferred = map.elements.filter((e) => basedOn.has(e.id)).map((e) => e.id);
  const fallback = map.elements.filter((e) => applying.has(e.id) && !basedOn.has(e.id)).map((e) => e.id);
  const elements = shuffled([...preferred, ...fallback]).slice(0, 500);
  // One or two words of a name, e.g. "Kodeverk 12" or "standard": partial and whole names.
  const words = shuffled(
    map.elements.slice(0, 2000).flatMap((e, i) => {
      const parts = e.name.split(/\s+/).filter((w) => w.length > 2);
      return i % 2 === 0 ? [e.name] : parts.slice(0, 1);
    }),
  ).slice(0, 200);
  const standards: StandardPosition[] = map.elements.filter((e) => DEFAULT_STANDARD_KINDS.includes(e.kind)).map((e) => ({ name: e.name, id: e.id }));
  const standardCursors = [null, ...shuffled(standards).slice(0, 199).map(encodeStandardCursor)];
  const applyingTo = new Map<string, number>();
  for (const r of map.relationships) if (r.type === 'APPLIES_TO') applyingTo.set(r.to, (applyingTo.get(r.to) ?? 0) + 1);
  const [busiestId, busiestCount] = [...applyingTo].reduce((a, b) => (b[1] > a[1] ? b : a), [services[0] ?? '', 0]);
  return { services, elements, words, standardCursors, busiest: { id: busiestId, applying: busiestCount } };
}

/** Leaf fields of `type` that need no argument (optional ones take their defaults), in schema order. */
function leafFields(schema: GraphQLSchema, type: string): string[] {
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type of the schema`);
  return Object.values(t.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined))
    .map((f) => f.name);
}

/**
 * The heat map with every field of every cell: each leaf of the heat map's own types, and of the
 * element, sources, planned changes, gaps, service and perspective they hold (their own nested
 * objects left out, so the answer grows with the map, not with its whole graph). Built from the
 * published schema, so a new field is asked for as soon as it exists.
 */
export function deepHeatMapQuery(schema: GraphQLSchema = buildSchema(buildSdl())): string {
  const leaves = (type: string) => leafFields(schema, type).join(' ');
  return `query DeepHeatMap($service: ID!) {
  heatMap(service: $service) {
    ${leaves('HeatMap')}
    service { ${leaves('InformationService')} }
    perspective { ${leaves('Perspective')} }
    rows {
      ${leaves('HeatMapRow')}
      cells {
        ${leaves('HeatMapCell')}
        element { ${leaves('Element')} }
        why { ${leaves('CellReason')} sources { ${leaves('Source')} } }
        plannedChanges { ${leaves('PlannedChange')} }
      }
      gaps { ${leaves('Gap')} }
      counts { ${leaves('StatusCount')} }
    }
    counts { ${leaves('StatusCount')} }
  }
}`;
}

/**
 * What users see, measured through the API only (their Cypher is a view's plus DataLoader batches,
 * so they have no single floor): the web's own heat-map and landscape documents (web/src/queries.graphql),
 * as the browser sends them, and the deep heat map.
 */
export interface UserQuery {
  name: string;
  query: string;
  variables(i: number, s: Subjects): Record<string, unknown>;
}

export const USER_QUERIES: UserQuery[] = [
  { name: 'web heat map', query: WEB_HEAT_MAP.toString(), variables: (i, s) => ({ service: at(s.services, i) }) },
  { name: 'web landscape', query: WEB_LANDSCAPE.toString(), variables: () => ({}) },
  { name: 'deep heat map', query: deepHeatMapQuery(), variables: (i, s) => ({ service: at(s.services, i) }) },
];
