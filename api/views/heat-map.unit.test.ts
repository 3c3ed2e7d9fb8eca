import { describe, expect, it } from 'vitest';
import { buildHeatMap } from './heat-map';

const element = (id: string, kind: string, status: string, layers: string[]) => ({
  id,
  kind,
  name: id,
  nameEn: id,
  description: '',
  layers,
  lifecycle: 'ACTIVE',
  status,
  sources: ['003_bc528292a39bd4db.txt:1'],
  version: 1,
});
const cell = (id: string, kind: string, status: string, layer: string, actorTypes: string[] = []) => ({
  element: element(id, kind, status, [layer]),
  layer,
  sources: ['003_bc528292a39bd4db.txt:2'],
  note: null,
  changes: [],
  actorTypes,
});
const row = (perspective: Record<string, unknown> | null = null) => ({
  service: { id: 'tjeneste-x', name: 'X', nameEn: 'X', description: '', sources: [] },
  workProcess: 'prosess-y',
  cells: [
    cell('lov-a', 'LAW', 'EXISTS', 'LEGAL'),
    cell('veiledning-b', 'GUIDANCE', 'CHANGES_PLANNED', 'ORGANISATIONAL'),
    cell('veiledning-b', 'GUIDANCE', 'CHANGES_PLANNED', 'TECHNICAL'),
    cell('standard-c', 'TECHNICAL_STANDARD', 'PHASE_OUT', 'TECHNICAL', ['aktortype-leverandorer']),
  ],
  gaps: [{ id: 'gap-1', service: 'tjeneste-x', layer: 'SEMANTIC', title: 'Mangler kodeverk', description: 'd', sources: [] }],
  perspective,
});

describe('heat-map shaping', () => {
  it('puts each cell on its layer row, an element on two rows twice, gaps as unmet needs', () => {
    const map = buildHeatMap(row(), '2024-01-01');
    expect(map.rows.map((r) => [r.layer, r.cells.map((c) => c.element.id), r.gaps.length])).toEqual([
      ['LEGAL', ['lov-a'], 0],
      ['ORGANISATIONAL', ['veiledning-b'], 0],
      ['SEMANTIC', [], 1],
      ['TECHNICAL', ['veiledning-b', 'standard-c'], 0],
    ]);
    expect(Object.fromEntries(map.counts.map((c) => [c.status, c.count]))).toEqual({ EXISTS: 1, CHANGES_PLANNED: 2, UNMET_NEED: 1, PHASE_OUT: 1 });
    expect(map.service.statusCounts).toEqual(map.counts);
  });

  it('applies a perspective: layers, kinds, statuses and actor types', () => {
    const p = {
      id: 'perspektiv-t',
      name: 'T',
      layers: ['TECHNICAL', 'SEMANTIC'],
      kinds: [],
      actorTypes: ['aktortype-innbyggere'],
      services: [],
      statuses: ['EXISTS', 'CHANGES_PLANNED', 'PHASE_OUT'],
      layout: [],
    };
    const map = buildHeatMap(row(p), '2024-01-01');
    expect(map.rows.map((r) => r.layer)).toEqual(['SEMANTIC', 'TECHNICAL']);
    // The standard regulates only suppliers, so a citizens' perspective hides it; unmet needs are not selected.
    expect(map.rows.flatMap((r) => r.cells.map((c) => c.element.id))).toEqual(['veiledning-b']);
    expect(map.rows.flatMap((r) => r.gaps)).toEqual([]);
  });
});
