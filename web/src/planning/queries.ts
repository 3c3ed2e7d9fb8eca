/** The GraphQL documents of the planning views, with the shapes of their answers (see schema/types.graphql). */
import type { ChangeType, HeatStatus, Kind, Layer, NormativeLevel, StatusCount } from '../queries';

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
    cells: { layer: Layer; element: (Named & { kind: Kind }) | null; gap: { id: string; title: string; titleEn: string | null } | null; before: HeatStatus | null; after: HeatStatus | null; cause: DiffCause; change: ChangeRef | null }[];
  };
}

export const HEAT_MAP_DIFF = `query HeatMapDiff($service: ID!, $from: Date!, $to: Date!) {
  heatMapDiff(service: $service, from: $from, to: $to) {
    service { id name nameEn } from to
    countsFrom { status count } countsTo { status count }
    cells { layer element { id name nameEn kind } gap { id title titleEn } before after cause change { ${CHANGE} } }
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

export const LANDSCAPE_DIFF = `query LandscapeDiff($from: Date!, $to: Date!) {
  landscapeDiff(from: $from, to: $to) {
    from to changedCount
    services { service { id name nameEn } changedCount countsFrom { status count } countsTo { status count } }
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
