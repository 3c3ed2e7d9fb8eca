/**
 * Shaping the vendors' view (STANDARDS_BY_LAYER): one entry per standard with its status, the
 * services whose heat maps show it (with the layer) and its open planned changes.
 */
import { KIND_IDS, type HeatStatus, type Layer } from '../../schema/metamodel';
import { type Raw, mapsOf, toElementRecord, toPlannedChangeRecord, type ElementRecord, type PlannedChangeRecord } from '../model';
import type { ServiceRecord } from './heat-map';
import { toServiceSummary } from './landscape';

export interface ServiceUseRecord {
  service: ServiceRecord;
  layer: Layer;
}

export interface StandardEntryRecord {
  element: ElementRecord;
  status: HeatStatus;
  services: ServiceUseRecord[];
  plannedChanges: PlannedChangeRecord[];
}


/** Build the entries from the one row of STANDARDS_BY_LAYER: metamodel kind order, then name. */
export function buildStandards(row: Raw): StandardEntryRecord[] {
  const services = new Map(mapsOf(row.services).map((raw) => [String(raw.id), toServiceSummary(raw)]));
  return mapsOf(row.entries)
    .map((entry): StandardEntryRecord => {
      const element = toElementRecord(entry.element as Raw);
      const uses = mapsOf(entry.uses)
        .map((u) => ({ service: services.get(String(u.service)), layer: u.layer as Layer }))
        .filter((u): u is ServiceUseRecord => u.service !== undefined)
        .sort((a, b) => a.service.name.localeCompare(b.service.name, 'nb') || a.layer.localeCompare(b.layer));
      return {
        element,
        status: (entry.status as HeatStatus | undefined) ?? element.status ?? 'EXISTS',
        services: uses,
        plannedChanges: mapsOf(entry.changes).map(toPlannedChangeRecord).sort((a, b) => (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999')),
      };
    })
    .sort((a, b) => KIND_IDS.indexOf(a.element.kind) - KIND_IDS.indexOf(b.element.kind) || a.element.name.localeCompare(b.element.name, 'nb'));
}
