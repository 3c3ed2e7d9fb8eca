/** The GraphQL documents of the planning views, with the shapes of their answers (see schema/types.graphql). */
import { GAP, HEAT_MAP_FIELDS, LANDSCAPE_FIELDS, type ChangeType, type GapData, type HeatMapData, type HeatStatus, type Kind, type LandscapeData, type Layer, type NormativeLevel, type StatusCount } from '../queries';

export type DiffCause = ChangeType | 'GAP_FOUND' | 'GAP_RESOLVED' | 'VALIDITY';

interface Named {
  id: string;
  name: string;
  nameEn: string;
}

export interface ChangeRef {
  id: string;
  change: ChangeType;
  due: string | null;
  dueBy: string | null;
  completedAt: string | null;
  description: string;
}

const CHANGE = 'id change due dueBy completedAt description';

export interface HeatMapDiffData {
  heatMapDiff: {
    service: Named;
    from: string;
    to: string;
    countsFrom: StatusCount[];
    countsTo: StatusCount[];
    cells: { layer: Layer; element: (Named & { kind: Kind }) | null; gap: GapData | null; before: HeatStatus | null; after: HeatStatus | null; cause: DiffCause; change: ChangeRef | null }[];
  };
}

// The whole gap, so that a gap drawn only because of the other date opens in the panel like any other.
const HEAT_MAP_DIFF_FIELDS = `
    service { id name nameEn } from to
    countsFrom { status count } countsTo { status count }
    cells { layer element { id name nameEn kind } gap { ${GAP} } before after cause change { ${CHANGE} } }`;

export const HEAT_MAP_DIFF = `query HeatMapDiff($service: ID!, $from: Date!, $to: Date!) {
  heatMapDiff(service: $service, from: $from, to: $to) {${HEAT_MAP_DIFF_FIELDS}
  }
}`;

/** The heat map in compare mode: the map and its diff in one request (two root fields, one Cypher query each). */
export type HeatMapCompareData = HeatMapData & HeatMapDiffData;

export const HEAT_MAP_COMPARE = `query HeatMapCompare($service: ID!, $asOf: Date, $perspective: ID, $from: Date!, $to: Date!) {
  heatMap(service: $service, asOf: $asOf, perspective: $perspective) {${HEAT_MAP_FIELDS}
  }
  heatMapDiff(service: $service, from: $from, to: $to) {${HEAT_MAP_DIFF_FIELDS}
  }
}`;

export interface LandscapeDiffData {
  landscapeDiff: {
    from: string;
    to: string;
    changedCount: number;
    services: { service: Named; changedCount: number; countsFrom: StatusCount[]; countsTo: StatusCount[] }[];
  };
}

const LANDSCAPE_DIFF_FIELDS = `
    from to changedCount
    services { service { id name nameEn } changedCount countsFrom { status count } countsTo { status count } }`;

export const LANDSCAPE_DIFF = `query LandscapeDiff($from: Date!, $to: Date!) {
  landscapeDiff(from: $from, to: $to) {${LANDSCAPE_DIFF_FIELDS}
  }
}`;

/** The landscape in compare mode: the processes and the diff in one request. */
export type LandscapeCompareData = LandscapeData & LandscapeDiffData;

export const LANDSCAPE_COMPARE = `query LandscapeCompare($asOf: Date, $from: Date!, $to: Date!) {
  workProcesses(asOf: $asOf) {${LANDSCAPE_FIELDS}
  }
  landscapeDiff(from: $from, to: $to) {${LANDSCAPE_DIFF_FIELDS}
  }
}`;

export interface ServicesData {
  informationServices: Named[];
}

export const SERVICES = `query Services { informationServices { id name nameEn } }`;

export interface TimelineData {
  timeline: {
    from: string;
    to: string;
    asOf: string;
    changes: { overdue: boolean; services: string[]; layers: Layer[]; change: ChangeRef & { element: Named; measure: Named | null } }[];
    events: { services: string[]; layers: Layer[]; measures: string[]; event: { id: string; date: string; dateFrom: string; dateBy: string; happened: boolean; title: string; titleEn: string | null; elements: { id: string }[] } }[];
    measures: { start: string; end: string; services: string[]; layers: Layer[]; measure: Named & { rank: number | null } }[];
  };
}

export const TIMELINE = `query Timeline {
  timeline {
    from to asOf
    changes { overdue services layers change { ${CHANGE} element { id name nameEn } measure { id name nameEn } } }
    events { services layers measures event { id date dateFrom dateBy happened title titleEn elements { id } } }
    measures { start end services layers measure { id name nameEn rank } }
  }
}`;

export interface MeasureData extends Named {
  rank: number | null;
  score: number | null;
  computedScore: number | null;
  computedRank: number | null;
  scores: { criterion: string; value: number }[];
}

export interface PrioritisationData {
  measures: MeasureData[];
  prioritisation: { formula: string; groups: { name: string; nameEn: string }[]; criteria: { name: string; nameEn: string; group: string | null }[] };
}

export const PRIORITISATION = `query Prioritisation {
  measures { id name nameEn rank score computedScore computedRank scores { criterion value } }
  prioritisation { formula groups { name nameEn } criteria { name nameEn group } }
}`;

export interface ScenarioData {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  weights: { criterion: string; weight: number }[];
  scores: { measure: string; criterion: string; value: number }[];
  version: number;
}

const SCENARIO = 'id name nameEn description weights { criterion weight } scores { measure criterion value } version';

export const SCENARIOS = `query Scenarios { scenarios { ${SCENARIO} } }`;

export const SAVE_SCENARIO = `mutation SaveScenario($input: ScenarioInput!) { saveScenario(input: $input) { ${SCENARIO} } }`;

export interface RolesData {
  actorTypes: Named[];
  workProcesses: Named[];
}

export const ROLES = `query Roles { actorTypes { id name nameEn } workProcesses { id name nameEn } }`;

export interface RoleNormsData {
  normsFor: {
    asOf: string;
    actorType: Named | null;
    workProcess: Named | null;
    services: Named[];
    totalCount: number;
    layers: {
      layer: Layer;
      norms: { element: Named & { kind: Kind }; status: HeatStatus; normativeLevel: NormativeLevel | null; regulatesActorType: boolean; services: string[]; plannedChanges: ChangeRef[] }[];
    }[];
  };
}

export const NORMS_FOR = `query NormsFor($actorType: ID, $workProcess: ID, $asOf: Date) {
  normsFor(actorType: $actorType, workProcess: $workProcess, asOf: $asOf) {
    asOf actorType { id name nameEn } workProcess { id name nameEn }
    services { id name nameEn } totalCount
    layers { layer norms { element { id name nameEn kind } status normativeLevel regulatesActorType services plannedChanges { ${CHANGE} } } }
  }
}`;
