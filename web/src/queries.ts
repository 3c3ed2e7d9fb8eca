/**
 * The GraphQL documents the web app sends, by the names the views use. The documents themselves
 * are in queries.graphql; `npm run codegen` generates them as typed documents (the query text
 * carrying its result and variables types, web/src/generated/graphql.ts), so every type here is
 * derived from a document and the schema, never written by hand.
 */
import type * as G from './generated/graphql';
import type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType } from '../../schema/metamodel';

export type { ChangeType, HeatStatus, Kind, Layer, Lifecycle, NormativeLevel, RelationshipType };

export {
  MetamodelDocument as METAMODEL,
  LandscapeDocument as LANDSCAPE,
  HeatMapDocument as HEAT_MAP,
  PerspectivesDocument as PERSPECTIVES,
  ElementDocument as ELEMENT,
  StandardsDocument as STANDARDS,
  ServicesDocument as SERVICES,
  SearchDocument as SEARCH,
  NormsDocument as NORMS,
  MeDocument as ME,
  MarkGapDocument as MARK_GAP,
  PlanChangeDocument as PLAN_CHANGE,
  SavePerspectiveDocument as SAVE_PERSPECTIVE,
} from './generated/graphql';

/** Standards per page in the vendors' view (and per request when the CSV export reads them all). */
export const STANDARDS_PAGE_SIZE = 50;
export const STANDARDS_EXPORT_PAGE_SIZE = 200;

/** A metamodel entry with its label in both languages (every list of the Metamodel query). */
export interface Labelled<Id extends string = string> {
  id: Id;
  nb: string;
  en: string;
}

export type MetamodelData = G.MetamodelQuery;
export type SourceData = G.SourceFieldsFragment;
export type StatusCount = G.StatusCountFieldsFragment;
export type ServiceSummary = G.ServiceSummaryFragment;
export type LandscapeData = G.LandscapeQuery;
export type PlannedChangeData = G.PlannedChangeFieldsFragment;
export type GapData = G.GapFieldsFragment;
export type HeatMapCellData = G.HeatMapCellFieldsFragment;
export type HeatMapData = G.HeatMapQuery;
export type PerspectiveData = G.PerspectiveFieldsFragment;
export type ElementData = G.ElementQuery;
export type RelatedElement = G.RelatedElementFragment;
export type StandardsData = G.StandardsQuery;
export type StandardEntryData = G.StandardEntryFieldsFragment;
export type ServicesData = G.ServicesQuery;
