/**
 * Exports: the heat map as PNG or SVG (Cytoscape), the norms of a service as CSV, and the vendors'
 * view (standards per layer, as of a date) as CSV. Cells hold words, as a reader writes them
 * ("Innføring 31. desember 2027"), with ids and codes in their own columns for machines.
 */
import type { Core } from 'cytoscape';
import cytoscape from 'cytoscape';
import svg from 'cytoscape-svg';
import { gql } from './api';
import { csvCell } from './csv';
import { download } from './dom';
import { formatDue, pick, t } from './i18n';
import { NORMS, type HeatMapCellData, type PlannedChangeData, type StandardEntryData } from './queries';
import { changeLabel, kindLabel, layerLabel, layers, levelLabel, statusLabel } from './vocabulary';

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

export const CSV_COLUMNS = [
  'layer',
  'layer_label',
  'kind',
  'kind_label',
  'id',
  'name',
  'name_en',
  'status',
  'status_label',
  'normative_level',
  'normative_level_label',
  'planned_changes',
  'sources',
];

/** "Innføring 31. desember 2027; Revisjon Q3 2026": the change and its date as precise as its source. */
function changesInWords(changes: Pick<PlannedChangeData, 'change' | 'due'>[]): string {
  return changes.map((p) => `${changeLabel(p.change)} ${formatDue(p.due)}`).join('; ');
}

function toCsv(rows: (string | number | null | undefined)[][]): Blob {
  const lines = rows.map((r) => r.map(csvCell).join(','));
  return new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

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
    changesInWords(c.plannedChanges),
    c.why.sources.map((s) => s.ref).join('; '),
  ]);
}

/**
 * The norms that apply to a service (`norms`) as CSV with a UTF-8 BOM for spreadsheets. When the
 * `norms` query fails, falls back to the heat map's cells and says so (`fallback: true`).
 */
export async function exportNormsCsv(
  service: string,
  asOf: string | undefined,
  heatMapCells: HeatMapCellData[],
  filename: string,
): Promise<{ rows: number; fallback: boolean }> {
  let cells: HeatMapCellData[];
  let fallback = false;
  try {
    const data = await gql(NORMS, { service, asOf: asOf ?? null });
    cells = data.norms.layers.flatMap((l) => l.kinds.flatMap((k) => k.norms));
  } catch {
    cells = heatMapCells;
    fallback = true;
  }
  download(toCsv([CSV_COLUMNS, ...toRows(cells)]), filename);
  return { rows: cells.length, fallback };
}

type StandardEntry = StandardEntryData;

export const STANDARDS_COLUMNS = [
  'as_of',
  'layer',
  'layer_label',
  'id',
  'name',
  'name_en',
  'kind',
  'status',
  'normative_level',
  'used_by',
  'upcoming_changes',
  'overdue_changes',
];

/**
 * The vendors' view as rows: one per standard and layer (a standard on two layers is listed under
 * both, as on screen), layers in metamodel order. Format-free, so every writer shares it.
 */
export function standardsRows(entries: StandardEntry[], options: { layer?: string | undefined; asOf: string }): string[][] {
  const rows: string[][] = [];
  for (const l of layers()) {
    if (options.layer && options.layer !== l.id) continue;
    for (const e of entries.filter((x) => x.element.layers.includes(l.id))) {
      const open = e.plannedChanges.filter((c) => c.completedAt == null);
      const overdue = open.filter((c) => c.dueBy != null && c.dueBy < options.asOf);
      rows.push([
        options.asOf,
        l.id,
        layerLabel(l.id),
        e.element.id,
        e.element.name,
        e.element.nameEn,
        kindLabel(e.element.kind),
        statusLabel(e.status),
        e.element.normativeLevel ? levelLabel(e.element.normativeLevel) : t('notRecorded'),
        e.services.map((s) => `${pick(s.service.name, s.service.nameEn)} (${layerLabel(s.layer)})`).join('; '),
        changesInWords(open.filter((c) => !overdue.includes(c))),
        changesInWords(overdue),
      ]);
    }
  }
  return rows;
}

/**
 * The formats the vendors' view exports to. Issue 15 adds 'xlsx' here: a writer from
 * [STANDARDS_COLUMNS, ...standardsRows(…)] to a Blob, beside `toCsv`.
 */
export type StandardsFormat = 'csv';
const STANDARDS_WRITERS: Record<StandardsFormat, { write: (rows: string[][]) => Blob; extension: string }> = {
  csv: { write: toCsv, extension: 'csv' },
};

/** Download the vendors' view (a layer or all, as of a date); returns the file name. */
export function exportStandards(format: StandardsFormat, entries: StandardEntry[], options: { layer?: string | undefined; asOf: string }): string {
  const writer = STANDARDS_WRITERS[format];
  const filename = `standarder-${(options.layer ?? 'alle-lag').toLowerCase()}-${options.asOf}.${writer.extension}`;
  download(writer.write([STANDARDS_COLUMNS, ...standardsRows(entries, options)]), filename);
  return filename;
}
