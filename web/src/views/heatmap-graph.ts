/**
 * The heat map drawn with Cytoscape: four layer bands (LEGAL, ORGANISATIONAL, SEMANTIC, TECHNICAL)
 * top to bottom, elements coloured by status, normative level as the border, gaps as unmet needs.
 * Positions are computed here (a preset layout), so the bands stay put and the drawing is fast.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { textColourOn } from '../dom';
import { pick } from '../i18n';
import type { HeatMapData, HeatStatus, Layer, NormativeLevel } from '../queries';
import { changeIcon, statusIcon } from '../status-icons';
import { layerLabel, levelRank, statusColour } from '../vocabulary';

export const NODE_W = 156;
export const NODE_H = 58;
const GAP = 10;
const PAD = 14;
const LABEL_COL = 160;
/** The focus ring's colour (the page's focus colour). */
export const FOCUS_RING = '#0b57d0';

/** Border width and style per normative level rank (-1: none given). */
export function levelBorder(level: NormativeLevel | null): { width: number; style: 'solid' | 'dashed' | 'dotted' | 'double' } {
  return levelBorderOfRank(levelRank(level));
}

function levelBorderOfRank(rank: number): { width: number; style: 'solid' | 'dashed' | 'dotted' | 'double' } {
  switch (rank) {
    case 4:
      return { width: 6, style: 'double' };
    case 3:
      return { width: 4, style: 'solid' };
    case 2:
      return { width: 3, style: 'dashed' };
    case 1:
      return { width: 3, style: 'dotted' };
    case 0:
      return { width: 1, style: 'solid' };
    default:
      return { width: 0, style: 'solid' };
  }
}

export interface GraphNodeData {
  /** The node id: an element may sit on two layers, so the layer is part of it. */
  id: string;
  /** The element or gap id. */
  ref: string;
  layer: Layer;
  kind: 'cell' | 'gap';
  status: HeatStatus;
  name: string;
}

export const nodeId = (layer: string, ref: string) => `${layer}|${ref}`;

/** Compare mode: a cell (or gap) whose status differs between the drawn date and another one. */
export interface CompareMark {
  layer: Layer;
  ref: string;
  kind: 'cell' | 'gap';
  name: string;
  /** Its status on the drawn date; null when it is on the map on the other date only (drawn white, added to its band). */
  drawn: HeatStatus | null;
  /** Its status on the other date; null when it is not on the map then. */
  other: HeatStatus | null;
  /** "before → after" in the reader's language, earlier date first: the cell's second label line. */
  text: string;
}

/** The compare mark's outline: not a status colour, so it does not read as one. */
export const CHANGE_OUTLINE = '#6a1b9a';

function shorten(s: string, max = 54): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Columns that make the drawing's shape closest to the container's, so the text stays large. */
function bestColumns(counts: number[], width: number, height: number): number {
  let best = 4;
  let bestScale = 0;
  for (let c = 2; c <= 24; c++) {
    const w = LABEL_COL + c * (NODE_W + GAP) + PAD;
    const h = counts.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / c)) * (NODE_H + GAP) + 2 * PAD - GAP, 0) + (counts.length - 1) * GAP;
    const scale = Math.min(width / w, height / h);
    if (scale > bestScale + 1e-6) {
      bestScale = scale;
      best = c;
    }
  }
  return best;
}

const drawingWidth = (cols: number) => LABEL_COL + cols * (NODE_W + GAP) + PAD;
const drawingHeight = (counts: number[], cols: number) =>
  counts.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / cols)) * (NODE_H + GAP) + 2 * PAD - GAP, 0) + (counts.length - 1) * GAP;

/**
 * On narrow screens the map may be taller than the window (the page scrolls) so that its labels
 * stay readable: the most columns that keep the drawing at `minScale` or more of its size across
 * the width, and the height that drawing needs.
 */
export function tallLayout(map: HeatMapData['heatMap'], width: number, minScale = 0.8, marks: CompareMark[] = []): { cols: number; height: number } {
  const counts = map.rows.map((r) => r.cells.length + r.gaps.length + marks.filter((m) => m.layer === r.layer && m.drawn === null && m.other !== null).length);
  let cols = 2;
  for (let c = 2; c <= 24; c++) if (width / drawingWidth(c) >= minScale) cols = c;
  const scale = Math.min(1, width / drawingWidth(cols));
  return { cols, height: Math.ceil(drawingHeight(counts, cols) * scale) + 26 };
}

export function buildElements(
  map: HeatMapData['heatMap'],
  width: number,
  height: number,
  fixedCols?: number,
  marks: CompareMark[] = [],
): { elements: ElementDefinition[]; order: string[] } {
  const marked = new Map(marks.map((m) => [nodeId(m.layer, m.ref), m]));
  const ghostsOf = (layer: Layer) => marks.filter((m) => m.layer === layer && m.drawn === null && m.other !== null);
  const counts = map.rows.map((r) => r.cells.length + r.gaps.length + ghostsOf(r.layer).length);
  const cols = fixedCols ?? bestColumns(counts, width, height);
  const bandWidth = LABEL_COL + cols * (NODE_W + GAP) + PAD;
  const elements: ElementDefinition[] = [];
  const order: string[] = [];
  let y = 0;
  map.rows.forEach((row, i) => {
    const items: GraphNodeData[] = [
      ...row.cells.map((c): GraphNodeData => ({
        id: nodeId(row.layer, c.element.id),
        ref: c.element.id,
        layer: row.layer,
        kind: 'cell',
        status: c.status,
        name: pick(c.element.name, c.element.nameEn),
      })),
      ...row.gaps.map((g): GraphNodeData => ({
        id: nodeId(row.layer, g.id),
        ref: g.id,
        layer: row.layer,
        kind: 'gap',
        status: 'UNMET_NEED',
        name: pick(g.title, g.titleEn),
      })),
      // On the map on the other date only: drawn white at the band's end, badged with that date's status.
      ...ghostsOf(row.layer).map((m): GraphNodeData => ({
        id: nodeId(row.layer, m.ref),
        ref: m.ref,
        layer: row.layer,
        kind: m.kind,
        status: m.other ?? 'UNMET_NEED',
        name: m.name,
      })),
    ];
    const levels = new Map(row.cells.map((c) => [c.element.id, c.normativeLevel]));
    const rowsNeeded = Math.max(1, Math.ceil(items.length / cols));
    const bandHeight = rowsNeeded * (NODE_H + GAP) - GAP + 2 * PAD;
    elements.push({
      group: 'nodes',
      data: { id: `band-${row.layer}`, label: layerLabel(row.layer), labelDx: -bandWidth / 2 + LABEL_COL / 2 + 4, band: i % 2 },
      position: { x: bandWidth / 2, y: y + bandHeight / 2 },
      classes: 'band',
      selectable: false,
      grabbable: false,
      locked: true,
    });
    items.forEach((item, k) => {
      const mark = marked.get(item.id);
      const ghost = mark?.drawn === null;
      const colour = ghost ? '#ffffff' : statusColour(item.status);
      const rank = item.kind === 'cell' && !ghost ? levelRank(levels.get(item.ref) ?? null) : -1;
      elements.push({
        group: 'nodes',
        data: {
          ...item,
          label: mark ? `${shorten(item.name, 24)}\n${mark.text}` : shorten(item.name),
          colour,
          text: textColourOn(colour),
          rank,
          ...(mark ? { change: mark.text } : {}),
        },
        position: { x: LABEL_COL + (k % cols) * (NODE_W + GAP) + NODE_W / 2, y: y + PAD + Math.floor(k / cols) * (NODE_H + GAP) + NODE_H / 2 },
        classes: `${item.kind} level-${rank < 0 ? 'none' : rank}${mark ? ' changed' : ''}${ghost ? ' ghost' : ''}`,
        grabbable: false,
      });
      order.push(item.id);
    });
    y += bandHeight + GAP;
  });
  return { elements, order };
}

export function heatMapStyle(): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node.band',
      style: {
        shape: 'rectangle',
        width: 'data(bandWidth)',
        'background-color': '#f3f5f8',
        'border-width': 1,
        'border-color': '#c9d1dc',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': `${LABEL_COL - 16}px`,
        'text-halign': 'center',
        'text-valign': 'center',
        'text-margin-x': (n: cytoscape.NodeSingular) => Number(n.data('labelDx')),
        'font-size': 12.5,
        'font-weight': 'bold',
        color: '#1d2733',
        events: 'no',
        'z-index': 0,
      },
    },
    { selector: 'node.band[band = 1]', style: { 'background-color': '#e9edf2' } },
    {
      selector: 'node.cell, node.gap',
      style: {
        shape: 'round-rectangle',
        width: NODE_W,
        height: NODE_H,
        'background-color': 'data(colour)',
        color: 'data(text)',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': `${NODE_W - 34}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 12,
        'line-height': 1.15,
        'border-color': '#111111',
        'border-width': 0,
        'z-index': 10,
      },
    },
    ...[0, 1, 2, 3, 4].map((rank) => {
      const b = levelBorderOfRank(rank);
      return { selector: `node.level-${rank}`, style: { 'border-width': b.width, 'border-style': b.style } };
    }),
    { selector: 'node.gap', style: { shape: 'cut-rectangle', 'border-width': 2, 'border-style': 'dashed', 'border-color': '#ffffff', 'font-style': 'italic' } },
    // The status badge in the top-right corner: a cue besides colour (see status-icons.ts).
    ...(['EXISTS', 'CHANGES_PLANNED', 'PHASE_OUT', 'UNMET_NEED'] as const).map((status) => ({
      selector: `node[status = "${status}"]`,
      style: {
        'background-image': statusIcon(status),
        'background-width': '16px',
        'background-height': '16px',
        'background-fit': 'none' as const,
        'background-position-x': `${NODE_W - 13}px`,
        'background-position-y': '3px',
        'background-clip': 'none' as const,
        'background-image-containment': 'over' as const,
      },
    })),
    // Compare mode: a dashed outline and a Δ badge top-left (besides the status badge), the smaller label's second line says before → after.
    {
      selector: 'node.changed',
      style: {
        'outline-width': 3,
        'outline-style': 'dashed',
        'outline-color': CHANGE_OUTLINE,
        'outline-offset': 2,
        'outline-opacity': 1,
        'font-size': 10.5,
        'text-max-width': `${NODE_W - 40}px`,
        'z-index': 20,
      },
    },
    ...(['EXISTS', 'CHANGES_PLANNED', 'PHASE_OUT', 'UNMET_NEED'] as const).map((status) => ({
      selector: `node.changed[status = "${status}"]`,
      style: {
        'background-image': [statusIcon(status), changeIcon()],
        'background-width': ['16px', '16px'],
        'background-height': ['16px', '16px'],
        'background-position-x': [`${NODE_W - 13}px`, '3px'],
        'background-position-y': ['3px', '3px'],
      },
    })),
    { selector: 'node.ghost', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': CHANGE_OUTLINE } },
    {
      selector: 'node:selected',
      style: { 'outline-width': 4, 'outline-style': 'solid', 'outline-color': '#1d2733', 'outline-offset': 3, 'outline-opacity': 1 },
    },
    // The keyboard focus: a ring of 5.4:1 or more against the bands and the page (WCAG 2.4.7, 1.4.11).
    {
      selector: 'node.focused',
      style: { 'outline-width': 5, 'outline-style': 'solid', 'outline-color': FOCUS_RING, 'outline-offset': 4, 'outline-opacity': 1, 'z-index': 30 },
    },
  ];
}

export function createHeatMapGraph(
  container: HTMLElement,
  map: HeatMapData['heatMap'],
  cols?: number,
  marks: CompareMark[] = [],
): { cy: Core; order: string[]; ready: Promise<void> } {
  const rect = container.getBoundingClientRect();
  const { elements, order } = buildElements(map, Math.max(rect.width, 320), Math.max(rect.height, 240), cols, marks);
  // Bands know their width only after the items are placed.
  const bandWidth = Math.max(...elements.filter((e) => e.classes === 'band').map((e) => (e.position?.x ?? 0) * 2));
  for (const e of elements) if (e.classes === 'band') e.data.bandWidth = bandWidth;
  for (const e of elements) {
    if (e.classes !== 'band') continue;
    const layer = String(e.data.id).replace('band-', '');
    const items = elements.filter((x) => x.data.layer === layer);
    const ys = items.map((x) => x.position?.y ?? 0);
    const rows = Math.max(1, new Set(ys).size);
    e.data.bandHeight = rows * (NODE_H + GAP) - GAP + 2 * PAD;
  }
  // Added after construction so the positions stay as computed (the layout runs once, observed).
  const cy = cytoscape({
    container,
    elements: [],
    style: [...heatMapStyle(), { selector: 'node.band', style: { height: 'data(bandHeight)' } }],
    layout: { name: 'null' },
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    autoungrabify: true,
    selectionType: 'single',
  });
  cy.add(elements);
  const ready = new Promise<void>((resolve) => {
    const layout = cy.layout({ name: 'preset', fit: true, padding: 12 });
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
  return { cy, order, ready };
}

export function nodeById(cy: Core, id: string): NodeSingular | null {
  const n = cy.getElementById(id);
  return n.nonempty() && n.isNode() ? n : null;
}

/** The nodes of one element or gap (an element can sit on more than one layer). */
export function nodesOf(cy: Core, ref: string): cytoscape.NodeCollection {
  return cy.nodes('.cell, .gap').filter((n) => n.data('ref') === ref);
}
