/** Exports: the heat map as PNG or SVG (Cytoscape), and the norms of a service as CSV. */
import type { Core } from 'cytoscape';
import cytoscape from 'cytoscape';
import svg from 'cytoscape-svg';
import { gql } from './api';
import { download } from './dom';
import { NORMS, type HeatMapCellData, type NormsData } from './queries';
import { kindLabel, layerLabel, levelLabel, statusLabel } from './vocabulary';

cytoscape.use(svg);

/** Scale of the PNG relative to the graph's model coordinates (the test checks the size with it). */
export const PNG_SCALE = 2;

export function exportPng(cy: Core, filename: string): string {
  const blob = cy.png({ output: 'blob', full: true, scale: PNG_SCALE, bg: '#ffffff' });
  download(blob, filename);
  return filename;
}

export function exportSvg(cy: Core, filename: string): string {
  const text = cy.svg({ full: true, scale: 1, bg: '#ffffff' });
  download(new Blob([text], { type: 'image/svg+xml' }), filename);
  return filename;
}

function csvCell(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ['layer', 'layer_label', 'kind', 'kind_label', 'id', 'name', 'name_en', 'status', 'status_label', 'normative_level', 'normative_level_label', 'planned_changes', 'sources'];

function toRows(cells: HeatMapCellData[]): string[][] {
  return cells.map((c) => [
    c.why.layer,
    layerLabel(c.why.layer),
    c.element.kind,
    kindLabel(c.element.kind),
    c.element.id,
    c.element.name,
    c.element.nameEn,
    c.status,
    statusLabel(c.status),
    c.normativeLevel ?? '',
    c.normativeLevel ? levelLabel(c.normativeLevel) : '',
    c.plannedChanges.map((p) => `${p.change} ${p.due ?? ''}`.trim()).join('; '),
    c.why.sources.map((s) => s.ref).join('; '),
  ]);
}

/**
 * The norms that apply to a service (`norms`) as CSV with a UTF-8 BOM for spreadsheets. When the
 * `norms` query fails, falls back to the heat map's cells and says so (`fallback: true`).
 */
export async function exportNormsCsv(service: string, asOf: string | undefined, heatMapCells: HeatMapCellData[], filename: string): Promise<{ rows: number; fallback: boolean }> {
  let cells: HeatMapCellData[];
  let fallback = false;
  try {
    const data = await gql<NormsData>(NORMS, { service, asOf: asOf ?? null });
    cells = data.norms.layers.flatMap((l) => l.kinds.flatMap((k) => k.norms));
  } catch {
    cells = heatMapCells;
    fallback = true;
  }
  const lines = [CSV_COLUMNS, ...toRows(cells)].map((r) => r.map(csvCell).join(','));
  download(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), filename);
  return { rows: cells.length, fallback };
}
