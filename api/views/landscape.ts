/**
 * Shaping the landscape (LANDSCAPE): work processes with their information services and actor
 * types, each service with its heat-map status counts. Pure, unit-tested without a database.
 */
import type { HeatStatus } from '../../schema/metamodel';
import { countStatuses, toServiceRecord, type ServiceRecord } from './heat-map';
import { type Raw, str, strs, mapsOf } from '../model';

export interface ActorTypeRecord {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  sources: string[];
  workProcesses: string[];
}

export interface WorkProcessRecord {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  sources: string[];
  informationServices: ServiceRecord[];
  actorTypes: ActorTypeRecord[];
}

export interface LandscapeRecord {
  workProcesses: WorkProcessRecord[];
  informationServices: ServiceRecord[];
  actorTypes: ActorTypeRecord[];
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name, 'nb') || a.id.localeCompare(b.id);

/** A service summarised by `serviceSummaryCypher`/`serviceSummaryMap`: status counts as on its heat map. */
export function toServiceSummary(raw: Raw): ServiceRecord {
  const statuses = strs(raw.cellStatuses).map((status) => ({ status: status as HeatStatus }));
  const openGaps = typeof raw.openGaps === 'number' ? raw.openGaps : 0;
  return toServiceRecord(raw, strs(raw.workProcesses)[0] ?? null, countStatuses(statuses, openGaps));
}

export function toActorType(raw: Raw): ActorTypeRecord {
  return {
    id: String(raw.id),
    name: String(raw.name),
    nameEn: String(raw.nameEn ?? raw.name),
    description: str(raw.description) ?? '',
    sources: strs(raw.sources),
    workProcesses: strs(raw.workProcesses).sort(),
  };
}

/** Build the landscape from the one row of LANDSCAPE. */
export function buildLandscape(row: Raw): LandscapeRecord {
  const serviceRows = mapsOf(row.services);
  const informationServices = serviceRows.map(toServiceSummary).sort(byName);
  const actorTypes = mapsOf(row.actorTypes).map(toActorType).sort(byName);
  const servicesOf = new Map<string, ServiceRecord[]>();
  serviceRows.forEach((raw) => {
    const service = informationServices.find((s) => s.id === String(raw.id));
    if (!service) return;
    for (const wp of strs(raw.workProcesses)) servicesOf.set(wp, [...(servicesOf.get(wp) ?? []), service]);
  });
  const workProcesses = mapsOf(row.workProcesses)
    .map((raw): WorkProcessRecord => {
      const id = String(raw.id);
      const performers = new Set(strs(raw.actorTypes));
      return {
        id,
        name: String(raw.name),
        nameEn: String(raw.nameEn ?? raw.name),
        description: str(raw.description) ?? '',
        sources: strs(raw.sources),
        informationServices: (servicesOf.get(id) ?? []).sort(byName),
        actorTypes: actorTypes.filter((a) => performers.has(a.id)),
      };
    })
    .sort(byName);
  return { workProcesses, informationServices, actorTypes };
}
