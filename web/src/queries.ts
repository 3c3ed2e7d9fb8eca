/** The GraphQL documents the web app sends, with the shapes of their answers (see schema/types.graphql). */
import type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType } from '../../schema/metamodel';

export type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType };

export interface Labelled<Id extends string = string> {
  id: Id;
  nb: string;
  en: string;
}

export interface MetamodelData {
  metamodel: {
    layers: Labelled<Layer>[];
    kinds: Labelled<Kind>[];
    relationshipTypes: (Labelled<RelationshipType> & { inverseNb: string; inverseEn: string })[];
    heatStatuses: (Labelled<HeatStatus> & { colour: string })[];
    normativeLevels: (Labelled<NormativeLevel> & { rank: number })[];
    lifecycles: Labelled<Lifecycle>[];
    changeTypes: Labelled<ChangeType>[];
  };
}

const LABELS = 'id nb: label(lang: NB) en: label(lang: EN)';

export const METAMODEL = `query Metamodel {
  metamodel {
    layers { ${LABELS} }
    kinds { ${LABELS} }
    relationshipTypes { ${LABELS} inverseNb: inverseLabel(lang: NB) inverseEn: inverseLabel(lang: EN) }
    heatStatuses { ${LABELS} colour }
    normativeLevels { ${LABELS} rank }
    lifecycles { ${LABELS} }
    changeTypes { ${LABELS} }
  }
}`;

/** Lines of one of the five source documents, or a public page (origin PUBLIC, with its url). */
export interface SourceData {
  origin: 'DOCUMENT' | 'PUBLIC';
  document: string | null;
  fromLine: number | null;
  toLine: number | null;
  url: string | null;
  ref: string;
}

export interface StatusCount {
  status: HeatStatus;
  count: number;
}

export interface ServiceSummary {
  id: string;
  name: string;
  nameEn: string;
  statusCounts: StatusCount[];
}

export interface LandscapeData {
  workProcesses: {
    id: string;
    name: string;
    nameEn: string;
    description: string;
    informationServices: ServiceSummary[];
    actorTypes: { id: string; name: string; nameEn: string }[];
  }[];
}

/** The landscape's selection, shared with the compare-mode document (planning/queries.ts). */
export const LANDSCAPE_FIELDS = `
    id name nameEn description
    informationServices { id name nameEn statusCounts { status count } }
    actorTypes { id name nameEn }`;

export const LANDSCAPE = `query Landscape($asOf: Date) {
  workProcesses(asOf: $asOf) {${LANDSCAPE_FIELDS}
  }
}`;

export interface ElementSummary {
  id: string;
  kind: Kind;
  name: string;
  nameEn: string;
  /** Null when the element is not in force (expired, or a withdrawn bill). */
  status: HeatStatus | null;
  normativeLevel: NormativeLevel | null;
}

const ELEMENT_SUMMARY = 'id kind name nameEn status normativeLevel';

export interface PlannedChangeData {
  id: string;
  change: ChangeType;
  /** As precise as the source: "2024", "2021-Q3", "2027-01", "2027-01-15"; null when it gives no date. */
  due: string | null;
  /** The last day of the due period ("2024" → "2024-12-31"): what overdue is judged by. */
  dueBy: string | null;
  dueText: string | null;
  description: string;
  completedAt: string | null;
  measure: { id: string; name: string; nameEn: string } | null;
  replacement: { id: string; name: string; nameEn: string } | null;
  sources: SourceData[];
}

const SOURCE = 'origin document fromLine toLine url ref';
const SOURCES = `sources { ${SOURCE} }`;
const PLANNED_CHANGE = `id change due dueBy dueText description completedAt measure { id name nameEn } replacement { id name nameEn } ${SOURCES}`;

export interface GapData {
  id: string;
  layer: Layer;
  title: string;
  titleEn: string | null;
  description: string;
  identifiedAt: string | null;
  sources: SourceData[];
}

export const GAP = `id layer title titleEn description identifiedAt ${SOURCES}`;

export interface HeatMapCellData {
  element: ElementSummary;
  status: HeatStatus;
  normativeLevel: NormativeLevel | null;
  why: { relationship: RelationshipType; layer: Layer; note: string | null; sources: SourceData[] };
  plannedChanges: PlannedChangeData[];
}

export interface HeatMapData {
  heatMap: {
    service: { id: string; name: string; nameEn: string; description: string; workProcess: string | null };
    asOf: string;
    /** False when the sources record no norm at all for the service yet. */
    normsRecorded: boolean;
    perspective: { id: string; name: string; nameEn: string | null } | null;
    rows: { layer: Layer; cells: HeatMapCellData[]; gaps: GapData[]; counts: StatusCount[] }[];
    counts: StatusCount[];
  };
}

/** The heat map's selection, shared with the compare-mode document (planning/queries.ts). */
export const HEAT_MAP_FIELDS = `
    service { id name nameEn description workProcess }
    asOf normsRecorded
    perspective { id name nameEn }
    rows {
      layer
      cells {
        element { ${ELEMENT_SUMMARY} }
        status normativeLevel
        why { relationship layer note ${SOURCES} }
        plannedChanges { ${PLANNED_CHANGE} }
      }
      gaps { ${GAP} }
      counts { status count }
    }
    counts { status count }`;

export const HEAT_MAP = `query HeatMap($service: ID!, $asOf: Date, $perspective: ID) {
  heatMap(service: $service, asOf: $asOf, perspective: $perspective) {${HEAT_MAP_FIELDS}
  }
}`;

export interface PerspectiveData {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  layers: Layer[];
  statuses: HeatStatus[];
  services: string[];
  version: number;
}

const PERSPECTIVE = 'id name nameEn description layers statuses services version';

export interface PerspectivesData {
  perspectives: PerspectiveData[];
}

export const PERSPECTIVES = `query Perspectives { perspectives { ${PERSPECTIVE} } }`;

export interface ElementData {
  element: ElementSummary & {
    description: string;
    descriptionEn: string | null;
    layers: Layer[];
    lifecycle: Lifecycle;
    statusDate: string | null;
    validFrom: string | null;
    validTo: string | null;
    identifiers: { scheme: string; value: string; url: string | null }[];
    aliases: string[];
    sources: SourceData[];
    lifecycleSources: SourceData[];
    normativeLevelSources: SourceData[];
    events: { id: string; date: string; dateText: string | null; happened: boolean; title: string; titleEn: string | null; sources: SourceData[] }[];
    notes: string[];
    version: number;
    plannedChanges: PlannedChangeData[];
    relationships: {
      type: RelationshipType;
      direction: 'OUTGOING' | 'INCOMING';
      nb: string;
      en: string;
      relationships: { other: RelatedElement; layer: Layer | null }[];
    }[];
  };
  /** What depends on the element, up to two steps away (asked for in the same request). */
  impact: { dependents: { distance: number; element: RelatedElement }[] };
}

/** The element at the other end of a relationship, or a dependent in an impact analysis. */
export interface RelatedElement {
  id: string;
  kind: Kind;
  name: string;
  nameEn: string;
  status: HeatStatus | null;
}

const RELATED = 'id kind name nameEn status';

export const ELEMENT = `query Element($id: ID!, $asOf: Date) {
  element(id: $id, asOf: $asOf) {
    ${ELEMENT_SUMMARY}
    description descriptionEn layers lifecycle statusDate validFrom validTo
    identifiers { scheme value url }
    aliases
    ${SOURCES}
    lifecycleSources { ${SOURCE} }
    normativeLevelSources { ${SOURCE} }
    events { id date dateText happened title titleEn ${SOURCES} }
    notes version
    plannedChanges { ${PLANNED_CHANGE} }
    relationships { type direction nb: label(lang: NB) en: label(lang: EN) relationships { other { ${RELATED} } layer } }
  }
  impact(element: $id, depth: 2, asOf: $asOf) { dependents { distance element { ${RELATED} } } }
}`;

/** What the vendors' view shows of a planned change: what and when (an overdue one is marked). */
export type ChangeDueData = Pick<PlannedChangeData, 'id' | 'change' | 'due' | 'dueBy' | 'completedAt'>;

export interface StandardEntryData {
  element: ElementSummary & { layers: Layer[]; lifecycle: Lifecycle; validFrom: string | null };
  status: HeatStatus;
  services: { service: { id: string; name: string; nameEn: string }; layer: Layer }[];
  plannedChanges: ChangeDueData[];
}

export interface StandardsData {
  standards: {
    /** Asked for on the first page only: counting reads the whole list. */
    totalCount?: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: StandardEntryData }[];
  };
}

/** Standards per page in the vendors' view (and per request when the CSV export reads them all). */
export const STANDARDS_PAGE_SIZE = 50;
export const STANDARDS_EXPORT_PAGE_SIZE = 200;

const STANDARD_ENTRY = `element { ${ELEMENT_SUMMARY} layers lifecycle validFrom }
      status
      services { service { id name nameEn } layer }
      plannedChanges { id change due dueBy completedAt }`;

/** The vendors' view, a page at a time; `$counted` asks for the total (the first page). */
export const STANDARDS = `query Standards($layer: Layer, $asOf: Date, $first: Int, $after: String, $counted: Boolean!) {
  standards(layer: $layer, asOf: $asOf, first: $first, after: $after) {
    totalCount @include(if: $counted)
    pageInfo { hasNextPage endCursor }
    edges { node {
      ${STANDARD_ENTRY}
    } }
  }
}`;

export interface SearchData {
  search: { score: number; element: ElementSummary & { description: string; descriptionEn: string | null } }[];
}

export interface ServicesData {
  informationServices: { id: string; name: string; nameEn: string }[];
}

export const SERVICES = 'query Services { informationServices { id name nameEn } }';

export const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 30) { score element { ${ELEMENT_SUMMARY} description descriptionEn } }
}`;

export interface NormsData {
  norms: {
    totalCount: number;
    layers: { layer: Layer; kinds: { kind: Kind; norms: HeatMapCellData[] }[] }[];
  };
}

export const NORMS = `query Norms($service: ID!, $asOf: Date) {
  norms(service: $service, asOf: $asOf) {
    totalCount
    layers {
      layer
      kinds {
        kind
        norms {
          element { ${ELEMENT_SUMMARY} }
          status normativeLevel
          why { relationship layer note ${SOURCES} }
          plannedChanges { ${PLANNED_CHANGE} }
        }
      }
    }
  }
}`;

export interface MeData {
  me: { name: string; role: string } | null;
}

export const ME = 'query Me { me { name role } }';

export const MARK_GAP = `mutation MarkGap($input: MarkGapInput!) { markGap(input: $input) { ${GAP} } }`;
export const PLAN_CHANGE = `mutation PlanChange($input: PlanChangeInput!) { planChange(input: $input) { ${PLANNED_CHANGE} } }`;
export const SAVE_PERSPECTIVE = `mutation SavePerspective($input: PerspectiveInput!) { savePerspective(input: $input) { ${PERSPECTIVE} } }`;
