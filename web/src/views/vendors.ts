/** The vendors' view: standards and code systems per layer, as a table and as a graph of the services using them. */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { gql } from '../api';
import { clear, h, textColourOn } from '../dom';
import { formatDue, pick, t } from '../i18n';
import { STANDARDS, type StandardsData } from '../queries';
import { formatRoute, update, type Route } from '../router';
import { errorState, loadingState, statusChip } from '../ui';
import { changeLabel, kindLabel, layerLabel, layers, levelLabel, statusColour } from '../vocabulary';
import { hidePanel, showElement } from './panel';
import type { ViewController } from './types';

type Entry = StandardsData['standards'][number];

/** One table per layer (an element on two layers is listed under both). */
function tablesPerLayer(entries: Entry[], route: Route): HTMLElement[] {
  return layers()
    .filter((l) => !route.layer || route.layer === l.id)
    .map((l) => ({ layer: l.id, rows: entries.filter((e) => e.element.layers.includes(l.id)) }))
    .filter((g) => g.rows.length > 0)
    .map((g) => h('section', { class: 'standards-layer', 'data-layer': g.layer }, h('h2', {}, `${layerLabel(g.layer)} (${g.rows.length})`), table(g.rows, route, layerLabel(g.layer))));
}

function table(entries: Entry[], route: Route, caption: string): HTMLElement {
  return h('table', { class: 'standards-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, [t('colName'), t('colKind'), t('colStatus'), t('colLevel'), t('colServices'), t('colChanges')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, entries.map((e) => h('tr', { 'data-id': e.element.id },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => update({ sel: e.element.id }) }, pick(e.element.name, e.element.nameEn))),
      h('td', {}, kindLabel(e.element.kind)),
      h('td', {}, statusChip(e.status)),
      h('td', {}, e.element.normativeLevel ? levelLabel(e.element.normativeLevel) : '–'),
      h('td', {}, h('ul', { class: 'plain' }, e.services.map((s) => h('li', {}, h('a', { href: formatRoute({ view: 'heatmap', service: s.service.id, ...(route.lang ? { lang: route.lang } : {}) }) }, pick(s.service.name, s.service.nameEn)), h('span', { class: 'muted' }, ` (${layerLabel(s.layer)})`))))),
      h('td', {}, e.plannedChanges.length ? h('ul', { class: 'plain' }, e.plannedChanges.map((c) => h('li', {}, `${changeLabel(c.change)} ${formatDue(c.due)}`))) : '–'),
    ))));
}

function graph(container: HTMLElement, entries: Entry[]): Core {
  const elements: ElementDefinition[] = [];
  const services = new Map<string, string>();
  for (const e of entries) {
    const colour = statusColour(e.status);
    elements.push({ data: { id: e.element.id, label: pick(e.element.name, e.element.nameEn), colour, text: textColourOn(colour) }, classes: 'standard' });
    for (const s of e.services) {
      services.set(s.service.id, pick(s.service.name, s.service.nameEn));
      elements.push({ data: { id: `${e.element.id}->${s.service.id}:${s.layer}`, source: e.element.id, target: s.service.id } });
    }
  }
  for (const [id, label] of services) elements.unshift({ data: { id, label }, classes: 'service' });
  return cytoscape({
    container,
    elements,
    style: [
      { selector: 'node.standard', style: { shape: 'round-rectangle', width: 130, height: 44, 'background-color': 'data(colour)', color: 'data(text)', label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': '120px', 'text-valign': 'center', 'font-size': 10 } },
      { selector: 'node.service', style: { shape: 'ellipse', width: 150, height: 60, 'background-color': '#1d4f91', color: '#ffffff', label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': '130px', 'text-valign': 'center', 'font-size': 12, 'font-weight': 'bold' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#8a96a8', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#8a96a8' } },
      { selector: 'node:selected', style: { 'outline-width': 4, 'outline-color': '#0b57d0', 'outline-offset': 3 } },
    ],
    layout: { name: 'concentric', concentric: (n) => (n.hasClass('service') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 12, padding: 16 },
    autoungrabify: true,
    boxSelectionEnabled: false,
  });
}

export function vendorsView(root: HTMLElement, initial: Route): ViewController {
  let request = 0;
  let cy: Core | null = null;
  let lastLayer: string | undefined = '\u0000';
  let lastSel: string | undefined;
  let mode: 'table' | 'graph' = 'table';
  let entries: Entry[] = [];
  let route = initial;
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, t('vendorsTitle'));
  const layerSelect = h('select', { id: 'vendor-layer' }, h('option', { value: '' }, t('allLayers')), layers().map((l) => h('option', { value: l.id, selected: l.id === initial.layer }, layerLabel(l.id))));
  layerSelect.addEventListener('change', () => update({ layer: layerSelect.value || undefined, sel: undefined }));
  const tableButton = h('button', { type: 'button', class: 'button', 'aria-pressed': 'true', onclick: () => setMode('table') }, t('tableView'));
  const graphButton = h('button', { type: 'button', class: 'button', 'aria-pressed': 'false', onclick: () => setMode('graph') }, t('graphView'));
  const body = h('div', { class: 'vendors-body', id: 'vendors' });
  root.append(h('div', { class: 'view' },
    h('div', { class: 'view-head' }, heading, h('div', { class: 'toolbar' },
      h('div', { class: 'field inline' }, h('label', { for: 'vendor-layer' }, t('layerFilter')), layerSelect),
      h('div', { class: 'button-group', role: 'group', 'aria-label': `${t('tableView')} / ${t('graphView')}` }, tableButton, graphButton))),
    h('p', { class: 'intro' }, t('vendorsIntro')),
    body));
  document.title = `${t('navVendors')} – ${t('appTitle')}`;

  function setMode(next: 'table' | 'graph'): void {
    mode = next;
    tableButton.setAttribute('aria-pressed', String(mode === 'table'));
    graphButton.setAttribute('aria-pressed', String(mode === 'graph'));
    draw();
  }

  function draw(): void {
    cy?.destroy();
    cy = null;
    clear(body);
    if (entries.length === 0) {
      body.append(h('p', { class: 'state' }, t('noStandards')));
      return;
    }
    if (mode === 'table') {
      body.append(...tablesPerLayer(entries, route));
      return;
    }
    const canvas = h('div', { class: 'vendors-canvas', role: 'img', 'aria-label': `${t('graphView')}: ${t('vendorsTitle')}` });
    body.append(canvas);
    cy = graph(canvas, entries);
    cy.on('tap', 'node.standard', (ev) => update({ sel: String((ev.target as NodeSingular).id()) }));
    cy.on('tap', 'node.service', (ev) => update({ view: 'heatmap', service: String((ev.target as NodeSingular).id()), sel: undefined, layer: undefined }));
  }

  function load(): void {
    const mine = ++request;
    cy?.destroy();
    cy = null;
    clear(body);
    body.append(loadingState());
    gql<StandardsData>(STANDARDS, { layer: route.layer ?? null, asOf: route.asOf ?? null }).then(
      (data) => {
        if (mine !== request) return;
        entries = data.standards;
        draw();
      },
      (e: unknown) => {
        if (mine !== request) return;
        clear(body);
        body.append(errorState(e, load));
      },
    );
  }

  const controller: ViewController = {
    update(next) {
      route = next;
      if (next.layer !== lastLayer) {
        lastLayer = next.layer;
        load();
      }
      if (next.sel !== lastSel) {
        lastSel = next.sel;
        if (next.sel) showElement(next.sel, { onClose: () => update({ sel: undefined }), onOpen: (id) => update({ sel: id }) });
        else hidePanel();
      }
    },
    destroy() {
      request++;
      cy?.destroy();
      hidePanel();
    },
  };
  controller.update(initial);
  heading.focus({ preventScroll: true });
  return controller;
}
