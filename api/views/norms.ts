/**
 * Shaping "which norms apply" (NORMS_FOR_SERVICE): the heat map's cells grouped by layer, then
 * kind. Layer, kind and actor-type selection follow the heat map's perspective rule
 * (`perspectiveShows`): norms that regulate particular actor types show only for those.
 */
import { KIND_IDS, LAYER_IDS, type Kind, type Layer } from '../../schema/metamodel';
import { countStatuses, perspectiveShows, toCell, toServiceRecord, type Cell, type PerspectiveRecord, type ServiceRecord } from './heat-map';
import { type Raw } from '../model';

export interface NormsKindGroupRecord {
  kind: Kind;
  norms: Cell[];
}

export interface NormsLayerRecord {
  layer: Layer;
  kinds: NormsKindGroupRecord[];
}

export interface NormsRecord {
  service: ServiceRecord;
  asOf: string;
  layers: NormsLayerRecord[];
  totalCount: number;
}

export interface NormsSelection {
  layers: readonly Layer[] | null;
  kinds: readonly Kind[] | null;
  actorType: string | null;
}

/** The selection as a perspective, so the heat map's rule decides what shows. */
export function selectionAsPerspective(s: NormsSelection): PerspectiveRecord {
  return {
    id: 'norms',
    name: 'norms',
    nameEn: null,
    description: null,
    layers: [...(s.layers ?? [])],
    kinds: [...(s.kinds ?? [])],
    actorTypes: s.actorType ? [s.actorType] : [],
    services: [],
    statuses: [],
    layout: [],
    version: 1,
  };
}

const byName = (a: Cell, b: Cell) => a.element.name.localeCompare(b.element.name, 'nb') || a.element.id.localeCompare(b.element.id);

/** Build the answer from the one row of NORMS_FOR_SERVICE. */
export function buildNorms(row: Raw, asOf: string, selection: NormsSelection): NormsRecord {
  const all = ((row.cells as Raw[] | null) ?? []).map(toCell);
  const openGaps = typeof row.openGaps === 'number' ? row.openGaps : 0;
  const service = toServiceRecord(row.service as Raw, row.workProcess, countStatuses(all, openGaps));
  const perspective = selectionAsPerspective(selection);
  const shown = all.filter((c) => perspectiveShows(perspective, c));
  const layerIds = selection.layers && selection.layers.length > 0 ? LAYER_IDS.filter((l) => selection.layers?.includes(l)) : LAYER_IDS;
  const layers = layerIds.map((layer) => {
    const inLayer = shown.filter((c) => c.why.layer === layer);
    const kinds = KIND_IDS.filter((k) => inLayer.some((c) => c.element.kind === k)).map((kind) => ({
      kind,
      norms: inLayer.filter((c) => c.element.kind === kind).sort(byName),
    }));
    return { layer, kinds };
  });
  return { service, asOf, layers, totalCount: layers.reduce((n, l) => n + l.kinds.reduce((m, k) => m + k.norms.length, 0), 0) };
}
