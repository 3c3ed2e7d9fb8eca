/**
 * Shaping the planning views' query rows (../cypher/planning.ts): the cells that change between
 * two dates and why, the landscape's changes per service, the time axis and the norms for a role.
 * Pure, so the rules (which change causes a cell's new status; which norms a role sees) are
 * unit-tested without a database.
 */
import { LAYER_IDS, NORMATIVE_LEVELS, type ChangeType, type HeatStatus, type Layer, type NormativeLevel } from '../../schema/metamodel';
import { endOfPeriod, partialDateParts, startOfPeriod } from '../../schema/dates';
import type { ScenarioInput } from '../../schema/validation';
import { scenarioFromProperties } from '../../store/codec';
import {
  type Raw,
  mapsOf,
  strs,
  toElementRecord,
  toEventRecord,
  toGapRecord,
  toPlannedChangeRecord,
  type ElementRecord,
  type EventRecord,
  type GapRecord,
  type PlannedChangeRecord,
} from '../model';
import { countStatuses, perspectiveShows, toCell, toServiceRecord, type Cell, type ServiceRecord, type StatusCount } from './heat-map';
import { toServiceSummary } from './landscape';
import type { ActorTypeRecord, WorkProcessRecord } from './landscape';
import { selectionAsPerspective } from './norms';

export type DiffCause = ChangeType | 'GAP_FOUND' | 'GAP_RESOLVED' | 'VALIDITY';
type CellStatus = Exclude<HeatStatus, 'UNMET_NEED'>;

export interface CellDiffRecord {
  layer: Layer;
  element: ElementRecord | null;
  gap: GapRecord | null;
  before: HeatStatus | null;
  after: HeatStatus | null;
  cause: DiffCause;
  change: PlannedChangeRecord | null;
}

export interface HeatMapDiffRecord {
  service: ServiceRecord;
  from: string;
  to: string;
  cells: CellDiffRecord[];
  countsFrom: StatusCount[];
  countsTo: StatusCount[];
}

const ENDING: readonly ChangeType[] = ['PHASE_OUT', 'REPLACE'];

/**
 * Which planned change explains a cell going from `before` to `after` (null: not on the map)
 * between `from` and `to`: one falling due in (from, to], the ending kind when the cell ends
 * phased out or gone, an introduction when it appears, else the first due. None due in
 * between: a validity date or the lifecycle did it.
 */
export function causeOf(
  before: CellStatus | null,
  after: CellStatus | null,
  changes: readonly PlannedChangeRecord[],
  from: string,
  to: string,
): { cause: DiffCause; change: PlannedChangeRecord | null } {
  const due = changes
    .filter((c) => c.dueBy !== null && c.dueBy > from && c.dueBy <= to)
    .sort((a, b) => (a.dueBy ?? '').localeCompare(b.dueBy ?? '') || a.id.localeCompare(b.id));
  const prefer = (kinds: readonly ChangeType[]) => due.find((c) => kinds.includes(c.change));
  const pick = after === 'PHASE_OUT' || after === null ? prefer(ENDING) : before === null ? prefer(['INTRODUCE']) : undefined;
  const change = pick ?? due[0] ?? null;
  return change ? { cause: change.change, change } : { cause: 'VALIDITY', change: null };
}

const layerOrder = (l: Layer) => LAYER_IDS.indexOf(l);
const nameOf = (d: CellDiffRecord) => d.element?.name ?? d.gap?.title ?? '';

function gapStatus(open: unknown): HeatStatus | null {
  return open === true ? 'UNMET_NEED' : null;
}

/** Build heatMapDiff from the one row of HEAT_MAP_DIFF. */
export function buildHeatMapDiff(row: Raw, from: string, to: string): HeatMapDiffRecord {
  const cellRows = mapsOf(row.cells);
  const gapRows = mapsOf(row.gaps);
  const cells: CellDiffRecord[] = [];
  for (const raw of cellRows) {
    const before = (raw.before ?? null) as CellStatus | null;
    const after = (raw.after ?? null) as CellStatus | null;
    if (before === after) continue;
    const changes = mapsOf(raw.changes).map(toPlannedChangeRecord);
    cells.push({
      layer: raw.layer as Layer,
      element: toElementRecord(raw.element as Raw),
      gap: null,
      before,
      after,
      ...causeOf(before, after, changes, from, to),
    });
  }
  for (const raw of gapRows) {
    const before = gapStatus(raw.openBefore);
    const after = gapStatus(raw.openAfter);
    if (before === after) continue;
    const gap = toGapRecord(raw);
    cells.push({ layer: gap.layer, element: null, gap, before, after, cause: after ? 'GAP_FOUND' : 'GAP_RESOLVED', change: null });
  }
  cells.sort((a, b) => layerOrder(a.layer) - layerOrder(b.layer) || nameOf(a).localeCompare(nameOf(b), 'nb'));
  const statuses = (key: 'before' | 'after') =>
    cellRows
      .map((c) => c[key])
      .filter((s): s is CellStatus => typeof s === 'string')
      .map((status) => ({ status }));
  const openGaps = (key: 'openBefore' | 'openAfter') => gapRows.filter((g) => g[key] === true).length;
  const countsTo = countStatuses(statuses('after'), openGaps('openAfter'));
  return {
    service: toServiceRecord(row.service as Raw, row.workProcess, countsTo),
    from,
    to,
    cells,
    countsFrom: countStatuses(statuses('before'), openGaps('openBefore')),
    countsTo,
  };
}

export interface ServiceDiffRecord {
  service: ServiceRecord;
  changedCount: number;
  countsFrom: StatusCount[];
  countsTo: StatusCount[];
}

export interface LandscapeDiffRecord {
  from: string;
  to: string;
  services: ServiceDiffRecord[];
  changedCount: number;
}

/** Build landscapeDiff from the rows of LANDSCAPE_DIFF (one per service). */
export function buildLandscapeDiff(rows: Raw[], from: string, to: string): LandscapeDiffRecord {
  const services = rows.map((row): ServiceDiffRecord => {
    const cells = mapsOf(row.cells);
    const gaps = mapsOf(row.gaps);
    const statuses = (key: 'before' | 'after') =>
      cells
        .map((c) => c[key])
        .filter((s): s is CellStatus => typeof s === 'string')
        .map((status) => ({ status }));
    const countsFrom = countStatuses(statuses('before'), gaps.filter((g) => g.openBefore === true).length);
    const countsTo = countStatuses(statuses('after'), gaps.filter((g) => g.openAfter === true).length);
    const changedCount = cells.filter((c) => (c.before ?? null) !== (c.after ?? null)).length + gaps.filter((g) => g.openBefore !== g.openAfter).length;
    return {
      service: { ...toServiceSummary({ ...(row.service as Raw), cellStatuses: [], openGaps: 0 }), statusCounts: countsTo },
      changedCount,
      countsFrom,
      countsTo,
    };
  });
  services.sort((a, b) => b.changedCount - a.changedCount || a.service.name.localeCompare(b.service.name, 'nb'));
  return { from, to, services, changedCount: services.reduce((n, s) => n + s.changedCount, 0) };
}

// ---- the time axis ------------------------------------------------------------------------------

export interface TimelineChangeRecord {
  change: PlannedChangeRecord;
  overdue: boolean;
  services: string[];
  layers: Layer[];
}

export interface TimelineEventRecord {
  event: EventRecord;
  services: string[];
  layers: Layer[];
  measures: string[];
}

export interface TimelineMeasureRecord {
  measure: ElementRecord;
  start: string;
  end: string;
  services: string[];
  layers: Layer[];
}

export interface TimelineRecord {
  from: string;
  to: string;
  asOf: string;
  changes: TimelineChangeRecord[];
  events: TimelineEventRecord[];
  measures: TimelineMeasureRecord[];
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const layersIn = (v: unknown): Layer[] =>
  unique(strs(v))
    .filter((l): l is Layer => (LAYER_IDS as readonly string[]).includes(l))
    .sort((a, b) => layerOrder(a) - layerOrder(b));

/** A change is overdue when its period has ended before `asOf` and it is not completed. */
export function isOverdue(change: PlannedChangeRecord, asOf: string): boolean {
  return change.completedAt === null && change.dueBy !== null && change.dueBy < asOf;
}

/** Build the timeline from the one row of TIMELINE; `elements` collects every element it carries (to prime the loaders). */
export function buildTimeline(row: Raw, from: string, to: string, asOf: string, elements: ElementRecord[] = []): TimelineRecord {
  const keep = (raw: unknown) => {
    if (raw && typeof raw === 'object') elements.push(toElementRecord(raw as Raw));
  };
  const changes = mapsOf(row.changes).map((raw): TimelineChangeRecord => {
    keep(raw.element);
    keep(raw.measure);
    keep(raw.replacement);
    const change = toPlannedChangeRecord(raw.change as Raw);
    return { change, overdue: isOverdue(change, asOf), services: unique(strs(raw.services)).sort(), layers: layersIn(raw.layers) };
  });
  const events = mapsOf(row.events).map((raw): TimelineEventRecord => {
    mapsOf(raw.elements).forEach(keep);
    return {
      event: toEventRecord(raw.event as Raw),
      services: unique(strs(raw.services)).sort(),
      layers: layersIn(raw.layers),
      measures: unique(strs(raw.measures)),
    };
  });
  // A measure spans its changes' and events' periods: "2024" to "2028" is 2024-01-01 to 2028-12-31.
  const measures = mapsOf(row.measures).flatMap((raw): TimelineMeasureRecord[] => {
    const dates = strs(raw.dates).filter((d) => partialDateParts(d) !== undefined);
    const start = dates.map(startOfPeriod).sort()[0];
    const end = dates.map(endOfPeriod).sort().at(-1);
    if (!start || !end || end < from || start > to) return [];
    const measure = toElementRecord(raw.measure as Raw);
    elements.push(measure);
    return [{ measure, start, end, services: unique(strs(raw.services)).sort(), layers: layersIn(raw.layers) }];
  });
  return { from, to, asOf, changes, events, measures };
}

// ---- norms for a role ---------------------------------------------------------------------------

export interface RoleNormRecord {
  element: ElementRecord;
  status: HeatStatus;
  normativeLevel: NormativeLevel | null;
  regulatesActorType: boolean;
  services: string[];
  plannedChanges: PlannedChangeRecord[];
}

export interface RoleNormsLayerRecord {
  layer: Layer;
  norms: RoleNormRecord[];
}

export interface RoleNormsRecord {
  actorType: ActorTypeRecord | null;
  workProcess: WorkProcessRecord | null;
  asOf: string;
  services: ServiceRecord[];
  layers: RoleNormsLayerRecord[];
  totalCount: number;
}

/**
 * Build normsFor from the one row of NORMS_FOR_ROLE. A norm that applies through several services
 * on the same layer is one entry naming them all. For an actor type, norms that regulate
 * particular actor types show only when they name this one (the heat map's perspective rule).
 */
export function buildRoleNorms(row: Raw, asOf: string, actorType: ActorTypeRecord | null, workProcess: WorkProcessRecord | null): RoleNormsRecord {
  const perspective = selectionAsPerspective({ layers: null, kinds: null, actorType: actorType?.id ?? null });
  const services: ServiceRecord[] = [];
  const byKey = new Map<string, { layer: Layer; cell: Cell; services: string[] }>();
  for (const entry of mapsOf(row.perService)) {
    const cells = mapsOf(entry.cells).map(toCell);
    services.push(toServiceRecord(entry.service as Raw, entry.workProcess, countStatuses(cells, 0)));
    const serviceId = String((entry.service as Raw).id);
    for (const cell of cells.filter((c) => perspectiveShows(perspective, c))) {
      const key = `${cell.why.layer}|${cell.element.id}`;
      const found = byKey.get(key);
      if (found) found.services.push(serviceId);
      else byKey.set(key, { layer: cell.why.layer, cell, services: [serviceId] });
    }
  }
  services.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const level = (c: Cell) => (c.normativeLevel ? NORMATIVE_LEVELS[c.normativeLevel].rank : -1);
  const layers = LAYER_IDS.map((layer): RoleNormsLayerRecord => ({
    layer,
    norms: [...byKey.values()]
      .filter((x) => x.layer === layer)
      .sort((a, b) => level(b.cell) - level(a.cell) || a.cell.element.name.localeCompare(b.cell.element.name, 'nb'))
      .map(({ cell, services: through }) => ({
        element: cell.element,
        status: cell.status,
        normativeLevel: cell.normativeLevel,
        regulatesActorType: actorType !== null && cell.actorTypes.includes(actorType.id),
        services: unique(through).sort(),
        plannedChanges: cell.plannedChanges,
      })),
  }));
  return { actorType, workProcess, asOf, services, layers, totalCount: layers.reduce((n, l) => n + l.norms.length, 0) };
}

// ---- scenarios ----------------------------------------------------------------------------------

export interface ScenarioRecord extends ScenarioInput {
  version: number;
}

export function toScenarioRecord(raw: Raw): ScenarioRecord {
  return { ...scenarioFromProperties(raw), version: typeof raw.version === 'number' ? raw.version : 1 };
}
