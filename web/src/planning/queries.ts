/**
 * The GraphQL documents of the planning views, by the names the views use; the documents are in
 * queries.graphql and their types generated from them (`npm run codegen`, web/src/generated/).
 */
import type * as G from '../generated/graphql';

export {
  HeatMapDiffDocument as HEAT_MAP_DIFF,
  HeatMapCompareDocument as HEAT_MAP_COMPARE,
  LandscapeDiffDocument as LANDSCAPE_DIFF,
  LandscapeCompareDocument as LANDSCAPE_COMPARE,
  ServicesDocument as SERVICES,
  TimelineDocument as TIMELINE,
  PrioritisationDocument as PRIORITISATION,
  ScenariosDocument as SCENARIOS,
  SaveScenarioDocument as SAVE_SCENARIO,
  RolesDocument as ROLES,
  NormsForDocument as NORMS_FOR,
} from '../generated/graphql';

export type HeatMapDiffData = G.HeatMapDiffQuery;
export type LandscapeDiffData = G.LandscapeDiffQuery;
export type ServicesData = G.ServicesQuery;
export type TimelineData = G.TimelineQuery;
export type MeasureData = G.PrioritisationQuery['measures'][number];
export type PrioritisationData = G.PrioritisationQuery;
export type ScenarioData = G.ScenarioFieldsFragment;
export type RolesData = G.RolesQuery;
export type RoleNormsData = G.NormsForQuery;
