/**
 * Shaping a heat map from the rows of HEAT_MAP_OF_SERVICE: rows per layer, perspective filters,
 * counts per status. Pure, so it is unit-tested without a database.
 */
import { HEAT_STATUS_IDS, LAYER_IDS, type HeatStatus, type Kind, type Layer, type NormativeLevel, type RelationshipType } from '../../schema/metamodel';
import {
  type Raw,
  str,
  strs,
  toElementRecord,
  toGapRecord,
  toPlannedChangeRecord,
  type ElementRecord,
  type GapRecord,
  type PlannedChangeRecord,
} from '../model';

export type CellReasonRecord = Cell['why'];

export interface Cell {
  element: ElementRecord;
  status: HeatStatus;
  normativeLevel: NormativeLevel | null;
  why: { relationship: RelationshipType; layer: Layer; sources: string[]; note: string | null };
  plannedChanges: PlannedChangeRecord[];
  actorTypes: string[];
}

export interface PerspectiveRecord {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  layers: Layer[];
  kinds: Kind[];
  actorTypes: string[];
  services: string[];
  statuses: HeatStatus[];
  layout: string[];
  version: number;
}

export interface StatusCount {
  status: HeatStatus;
  count: number;
}

export interface HeatMapRowRecord {
  layer: Layer;
  cells: Cell[];
  gaps: GapRecord[];
  counts: StatusCount[];
}

export interface ServiceRecord {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  sources: string[];
  workProcess: string | null;
  statusCounts: StatusCount[];
  /** Norms that apply to it on any date; 0 means none is recorded in the sources yet. */
  normCount: number;
}

/**
 * A service listed by its stored fields only (the vendors' view's pages): its status counts, norm
 * count and work process are summarised on `summaryAsOf` when a request asks for one of them.
 */
export interface ServiceRefRecord {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  sources: string[];
  summaryAsOf: string;
}

/** What an InformationService field resolves from: a summarised service, or one to summarise on request. */
export type InformationServiceParent = ServiceRecord | ServiceRefRecord;

export function isServiceRef(s: InformationServiceParent): s is ServiceRefRecord {
  return 'summaryAsOf' in s;
}

export interface HeatMapRecord {
  service: ServiceRecord;
  normsRecorded: boolean;
  asOf: string;
  perspective: PerspectiveRecord | null;
  rows: HeatMapRowRecord[];
  counts: StatusCount[];
}

export function toPerspectiveRecord(raw: Raw): PerspectiveRecord {
  return {
    id: String(raw.id),
    name: String(raw.name),
    nameEn: typeof raw.nameEn === 'string' ? raw.nameEn : null,
    description: typeof raw.description === 'string' ? raw.description : null,
    layers: strs(raw.layers) as Layer[],
    kinds: strs(raw.kinds) as Kind[],
    actorTypes: strs(raw.actorTypes),
    services: strs(raw.services),
    statuses: strs(raw.statuses) as HeatStatus[],
    layout: strs(raw.layout),
    version: typeof raw.version === 'number' ? raw.version : 1,
  };
}

export function toCell(raw: Raw): Cell {
  const element = toElementRecord(raw.element as Raw);
  return {
    element,
    // The status on the view's date; the element's own status stays today's.
    status: (raw.status as HeatStatus | undefined) ?? element.status ?? 'EXISTS',
    normativeLevel: element.normativeLevel,
    why: { relationship: 'APPLIES_TO', layer: raw.layer as Layer, sources: strs(raw.sources), note: typeof raw.note === 'string' ? raw.note : null },
    plannedChanges: ((raw.changes as Raw[] | null) ?? []).map(toPlannedChangeRecord),
    actorTypes: strs(raw.actorTypes),
  };
}

export function toServiceRecord(raw: Raw, workProcess: unknown, statusCounts: StatusCount[] = []): ServiceRecord {
  return {
    id: String(raw.id),
    name: String(raw.name),
    nameEn: String(raw.nameEn ?? raw.name),
    description: str(raw.description) ?? '',
    sources: strs(raw.sources),
    workProcess: typeof workProcess === 'string' ? workProcess : null,
    statusCounts,
    normCount: typeof raw.normCount === 'number' ? raw.normCount : 0,
  };
}

/** Whether a perspective shows a cell: empty selections mean "all". */
export function perspectiveShows(p: PerspectiveRecord | null, cell: Cell): boolean {
  if (!p) return true;
  if (p.layers.length > 0 && !p.layers.includes(cell.why.layer)) return false;
  if (p.kinds.length > 0 && !p.kinds.includes(cell.element.kind)) return false;
  if (p.statuses.length > 0 && !p.statuses.includes(cell.status)) return false;
  // Norms that regulate particular actor types show only for those; general norms always show.
  if (p.actorTypes.length > 0 && cell.actorTypes.length > 0 && !cell.actorTypes.some((a) => p.actorTypes.includes(a))) return false;
  return true;
}

export function countStatuses(cells: readonly { status: HeatStatus }[], gaps: number): StatusCount[] {
  return HEAT_STATUS_IDS.map((status) => ({
    status,
    count: status === 'UNMET_NEED' ? gaps : cells.filter((c) => c.status === status).length,
  }));
}

const byName = (a: Cell, b: Cell) => a.element.kind.localeCompare(b.element.kind) || a.element.name.localeCompare(b.element.name, 'nb');

/** Build the heat map from one result row of HEAT_MAP_OF_SERVICE. */
export function buildHeatMap(row: Raw, asOf: string): HeatMapRecord {
  const perspective = row.perspective ? toPerspectiveRecord(row.perspective as Raw) : null;
  const cells = ((row.cells as Raw[] | null) ?? []).map(toCell).filter((c) => perspectiveShows(perspective, c));
  const showUnmet = !perspective || perspective.statuses.length === 0 || perspective.statuses.includes('UNMET_NEED');
  const gaps = showUnmet ? ((row.gaps as Raw[] | null) ?? []).map(toGapRecord) : [];
  const layers = perspective && perspective.layers.length > 0 ? LAYER_IDS.filter((l) => perspective.layers.includes(l)) : LAYER_IDS;
  const rows = layers.map((layer) => {
    const rowCells = cells.filter((c) => c.why.layer === layer).sort(byName);
    const rowGaps = gaps.filter((g) => g.layer === layer);
    return { layer, cells: rowCells, gaps: rowGaps, counts: countStatuses(rowCells, rowGaps.length) };
  });
  const shownCells = rows.flatMap((r) => r.cells);
  const shownGaps = rows.reduce((n, r) => n + r.gaps.length, 0);
  const counts = countStatuses(shownCells, shownGaps);
  const service = toServiceRecord(row.service as Raw, row.workProcess, counts);
  return { service, normsRecorded: service.normCount > 0, asOf, perspective, rows, counts };
}
