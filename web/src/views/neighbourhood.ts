/**
 * The element's neighbourhood in the side panel: a small Cytoscape drawing of the element and its
 * direct relationships (nodes coloured by status, edges labelled by relationship type, neighbours
 * that depend on the element ringed), and the list of what it affects ("Påvirker") from
 * `impact(element, depth: 2)`. The relationships list and the impact list are the text alternative.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject, type NodeSingular } from 'cytoscape';
import { h, textColourOn } from '../dom';
import { pick, t } from '../i18n';
import type { ElementData, HeatStatus, RelatedElement } from '../queries';
import { kindLabel, relationshipLabel, statusColour, statusLabel } from '../vocabulary';

type PanelElement = ElementData['element'];
type Dependent = ElementData['impact']['dependents'][number];

/** Neighbours beyond this many are drawn without names (the lists carry them). */
const NAMED_NEIGHBOURS = 14;
/** Relationship types label the edges up to this many neighbours; beyond, on hover. */
const LABELLED_EDGES = 8;
/** Dependents listed before the rest fold into "show all". */
const LISTED_DEPENDENTS = 12;
const INK = '#1d2733';

let current: Core | null = null;

/** Drop the drawing (the panel is being cleared or re-rendered). */
export function destroyNeighbourhood(): void {
  current?.destroy();
  current = null;
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The unique neighbours of an element, in the order the relationship groups list them. */
export function neighbours(el: PanelElement): RelatedElement[] {
  const seen = new Map<string, RelatedElement>();
  for (const g of el.relationships) for (const r of g.relationships) if (r.other.id !== el.id && !seen.has(r.other.id)) seen.set(r.other.id, r.other);
  return [...seen.values()];
}

/**
 * Nodes (the element in the middle, its neighbours on an ellipse of the given radii) and edges
 * (one per relationship type and direction). No neighbour sits straight above or below the middle,
 * so the element's name has room.
 */
export function neighbourhoodElements(el: PanelElement, affected: ReadonlySet<string>, rx = 150, ry = 88): ElementDefinition[] {
  const others = neighbours(el);
  const n = others.length;
  const named = n <= NAMED_NEIGHBOURS;
  const edgeLabels = n <= LABELLED_EDGES;
  const start = -Math.PI / 2 + (n % 2 === 0 && n > 0 ? Math.PI / n : 0);
  const rootColour = statusColour(el.status);
  const nodes: ElementDefinition[] = [
    {
      group: 'nodes',
      data: { id: el.id, name: pick(el.name, el.nameEn), label: shorten(pick(el.name, el.nameEn), 44), colour: rootColour, text: textColourOn(rootColour) },
      position: { x: 0, y: 0 },
      classes: 'root',
    },
    ...others.map((e, i): ElementDefinition => {
      const angle = start + (2 * Math.PI * i) / Math.max(n, 1);
      return {
        group: 'nodes',
        data: { id: e.id, name: pick(e.name, e.nameEn), label: named ? shorten(pick(e.name, e.nameEn), 26) : '', colour: statusColour(e.status) },
        position: { x: rx * Math.cos(angle), y: ry * Math.sin(angle) },
        classes: ['neighbour', affected.has(e.id) ? 'affected' : '', named ? '' : 'crowded'].filter(Boolean).join(' '),
      };
    }),
  ];
  const edges = new Map<string, ElementDefinition>();
  for (const g of el.relationships) {
    for (const r of g.relationships) {
      if (r.other.id === el.id) continue;
      const [source, target] = g.direction === 'OUTGOING' ? [el.id, r.other.id] : [r.other.id, el.id];
      const id = `${g.type}|${source}|${target}`;
      if (!edges.has(id))
        edges.set(id, { group: 'edges', data: { id, source, target, type: g.type, label: relationshipLabel(g.type) }, classes: edgeLabels ? 'labelled' : '' });
    }
  }
  return [...nodes, ...edges.values()];
}

function style(): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'ellipse',
        width: 16,
        height: 16,
        'background-color': 'data(colour)',
        'border-width': 1,
        'border-color': '#ffffff',
        label: 'data(label)',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': '84px',
        'font-size': 10,
        'line-height': 1.1,
        color: INK,
        'text-background-color': '#fbfcfd',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'z-index': 10,
      },
    },
    { selector: 'node.crowded', style: { width: 11, height: 11 } },
    { selector: 'node.affected', style: { 'outline-width': 2, 'outline-color': INK, 'outline-offset': 1.5, 'outline-opacity': 1 } },
    {
      selector: 'node.root',
      style: {
        shape: 'round-rectangle',
        width: 132,
        height: 40,
        'border-width': 2,
        'border-color': INK,
        color: 'data(text)',
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-max-width': '122px',
        'text-background-opacity': 0,
        'font-weight': 'bold',
        'font-size': 10.5,
        'z-index': 20,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#8a96a6',
        'target-arrow-color': '#8a96a6',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        'font-size': 9,
        color: '#4a5665',
        'text-rotation': 'autorotate',
        'text-background-color': '#fbfcfd',
        'text-background-opacity': 1,
        'text-background-padding': '1px',
      },
    },
    { selector: 'edge.labelled, edge.hover', style: { label: 'data(label)' } },
    { selector: 'edge.hover', style: { 'line-color': INK, 'target-arrow-color': INK, color: INK, 'z-index': 30 } },
    {
      selector: 'node.neighbour.hover',
      style: { 'overlay-color': '#0b57d0', 'overlay-opacity': 0.2, 'overlay-padding': 4, label: 'data(name)', 'z-index': 40 },
    },
  ];
}

/** Swatches for the statuses drawn, and the ring that marks dependents. */
function legend(statuses: (HeatStatus | null)[], anyAffected: boolean): HTMLElement {
  return h(
    'ul',
    { class: 'neighbourhood-legend' },
    statuses.map((s) => h('li', {}, h('span', { class: 'dot', style: `background:${statusColour(s)}`, 'aria-hidden': 'true' }), statusLabel(s))),
    anyAffected ? h('li', {}, h('span', { class: 'dot ring', 'aria-hidden': 'true' }), t('affected')) : null,
  );
}

/** The dependents, nearest first: name (opens it), kind and distance. */
export function impactList(dependents: Dependent[], onOpen?: (id: string) => void): HTMLElement {
  if (dependents.length === 0) return h('p', { class: 'muted impact-empty' }, t('noImpact'));
  const item = (d: Dependent) => {
    const name = pick(d.element.name, d.element.nameEn);
    return h(
      'li',
      { 'data-id': d.element.id, 'data-distance': d.distance },
      h('span', { class: 'dot', style: `background:${statusColour(d.element.status)}`, title: statusLabel(d.element.status), 'aria-hidden': 'true' }),
      h(
        'span',
        {},
        onOpen ? h('button', { type: 'button', class: 'link-button', onclick: () => onOpen(d.element.id) }, name) : name,
        h('span', { class: 'meta' }, `${kindLabel(d.element.kind)} · ${t('distance', { n: d.distance })}`),
      ),
    );
  };
  const first = dependents.slice(0, LISTED_DEPENDENTS);
  const rest = dependents.slice(LISTED_DEPENDENTS);
  return h(
    'div',
    { class: 'impact' },
    h('ul', { class: 'impact-list' }, first.map(item)),
    rest.length ? h('details', {}, h('summary', {}, t('impactMore', { n: dependents.length })), h('ul', { class: 'impact-list' }, rest.map(item))) : null,
  );
}

/**
 * The neighbourhood section. Cytoscape needs its container in the document to measure it, so the
 * drawing starts with `start()`, called once the section is in the panel.
 */
export function neighbourhoodSection(el: PanelElement, dependents: Dependent[], onOpen?: (id: string) => void): { section: HTMLElement; start: () => void } {
  const affected = new Set(dependents.filter((d) => d.distance === 1).map((d) => d.element.id));
  const others = neighbours(el);
  const drawn = [el, ...others];
  const statuses = [...new Set(drawn.map((e) => e.status))];
  const name = pick(el.name, el.nameEn);
  const canvas = h('div', {
    class: 'neighbourhood-canvas',
    id: 'neighbourhood',
    role: 'img',
    'aria-label': t('neighbourhoodLabel', { name, n: others.length }),
    'data-state': 'loading',
  });
  const section = h(
    'section',
    { class: 'neighbourhood', 'aria-labelledby': 'neighbourhood-title' },
    h('h3', { id: 'neighbourhood-title' }, t('neighbourhood')),
    canvas,
    legend(
      statuses,
      others.some((o) => affected.has(o.id)),
    ),
    h('p', { class: 'muted small' }, t('neighbourhoodHelp')),
    h('h3', { id: 'impact-title' }, t('impact')),
    h('p', { class: 'muted small' }, t('impactHelp')),
    impactList(dependents, onOpen),
  );

  const start = () => {
    destroyNeighbourhood();
    const cy = cytoscape({
      container: canvas,
      elements: neighbourhoodElements(el, affected, Math.max(110, canvas.clientWidth / 2 - 30), Math.max(70, canvas.clientHeight / 2 - 28)),
      style: style(),
      // 'preset' keeps the positions neighbourhoodElements gave the nodes (the default, 'grid',
      // and 'null' would move them); the preset layout run below fits the view to them.
      layout: { name: 'preset' },
      userZoomingEnabled: false,
      userPanningEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
      minZoom: 0.3,
      maxZoom: 1.6,
    });
    current = cy;
    canvas.dataset.nodes = String(cy.nodes().length);
    // What the colours say, as text (tests compare it with the API at the panel's date).
    canvas.dataset.statuses = [el, ...others].map((o) => `${o.id}:${o.status}`).join(' ');
    canvas.dataset.edges = String(cy.edges().length);
    const layout = cy.layout({ name: 'preset', fit: true, padding: 8 });
    layout.one('layoutstop', () => {
      if (current !== cy) return;
      // The drawing's width in model units: tests check the neighbours are spread out, not stacked.
      canvas.dataset.extent = String(Math.round(cy.nodes().boundingBox({}).w));
      canvas.dataset.state = 'ready';
    });
    layout.run();
    if (onOpen) {
      cy.on('tap', 'node.neighbour', (ev: EventObject) => onOpen(String((ev.target as NodeSingular).id())));
    }
    cy.on('mouseover', 'node.neighbour', (ev: EventObject) => {
      const node = ev.target as NodeSingular;
      node.addClass('hover');
      node.connectedEdges().addClass('hover');
      if (onOpen) canvas.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node.neighbour', (ev: EventObject) => {
      const node = ev.target as NodeSingular;
      node.removeClass('hover');
      node.connectedEdges().removeClass('hover');
      canvas.style.cursor = '';
    });
  };
  return { section, start };
}
