/**
 * The vendors' view: standards and code systems per layer, as a table and as a graph of the services
 * using them. The API answers a page at a time (by name); "Show more" appends the next page, and the
 * CSV export reads every page, so it holds the whole list whatever has been shown.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { gql, plainError } from '../api';
import { clear, h, textColourOn } from '../dom';
import { exportStandards } from '../export';
import { formatDate, formatDue, pick, t } from '../i18n';
import { STANDARDS, STANDARDS_EXPORT_PAGE_SIZE, STANDARDS_PAGE_SIZE, type StandardEntryData, type StandardsData } from '../queries';
import { formatRoute, update, type Route } from '../router';
import { announce, apiText, errorState, loadingState, onWrite, statusChip, todayIso } from '../ui';
import { changeLabel, entryOf, kindLabel, layerLabel, layers, levelLabel, lifecycleLabel, statusColour } from '../vocabulary';
import { hidePanel, isOverdue, showElement } from './panel';
import type { ViewController } from './types';
import { latest } from '../latest';

type Entry = StandardEntryData;

/**
 * The "upcoming changes" cell: each open change with its date, overdue ones marked; a status of
 * "changes planned" without a planned change says why (a proposed law, a standard on trial, one
 * valid from a later date), so the column never contradicts the status.
 */
export function changesCell(e: Entry, asOf: string): HTMLElement | string {
  if (e.plannedChanges.length) {
    return h(
      'ul',
      { class: 'plain' },
      e.plannedChanges.map((c) =>
        h(
          'li',
          { class: isOverdue(c, asOf) ? 'is-overdue' : null },
          `${changeLabel(c.change)} ${formatDue(c.due)}`,
          isOverdue(c, asOf) ? [' ', h('span', { class: 'overdue' }, t('overdue'))] : null,
        ),
      ),
    );
  }
  if (e.status === 'CHANGES_PLANNED') {
    return h(
      'span',
      { class: 'planned-reason' },
      e.element.validFrom && e.element.validFrom > asOf
        ? `${lifecycleLabel(e.element.lifecycle)}, ${t('validFromReason', { date: formatDate(e.element.validFrom) })}`
        : lifecycleLabel(e.element.lifecycle),
    );
  }
  return '–';
}

/** One table per layer (an element on two layers is listed under both). */
function tablesPerLayer(entries: Entry[], route: Route, asOf: string): HTMLElement[] {
  return layers()
    .filter((l) => !route.layer || route.layer === l.id)
    .map((l) => ({ layer: l.id, rows: entries.filter((e) => e.element.layers.includes(l.id)) }))
    .filter((g) => g.rows.length > 0)
    .map((g) =>
      h(
        'section',
        { class: 'standards-layer', 'data-layer': g.layer },
        h('h2', {}, `${layerLabel(g.layer)} (${g.rows.length})`),
        table(g.rows, route, layerLabel(g.layer), asOf),
      ),
    );
}

function table(entries: Entry[], route: Route, caption: string, asOf: string): HTMLElement {
  // On narrow screens each row becomes a card; data-label gives each cell its column's name there.
  const cols = [t('colName'), t('colKind'), t('colStatus'), t('colLevel'), t('colServices'), t('colChanges')];
  const cell = (i: number, content: Node | string) => h('td', { 'data-label': cols[i] ?? '' }, content);
  return h(
    'table',
    { class: 'standards-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        cols.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      entries.map((e) =>
        h(
          'tr',
          { 'data-id': e.element.id },
          h(
            'th',
            { scope: 'row' },
            h('button', { type: 'button', class: 'link-button', onclick: () => update({ sel: e.element.id }) }, apiText(e.element.name, e.element.nameEn)),
          ),
          cell(1, kindLabel(e.element.kind)),
          cell(2, statusChip(e.status)),
          cell(3, e.element.normativeLevel ? levelLabel(e.element.normativeLevel) : t('notRecorded')),
          cell(
            4,
            h(
              'ul',
              { class: 'plain' },
              e.services.map((s) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    {
                      href: formatRoute({
                        view: 'heatmap',
                        service: s.service.id,
                        ...(route.asOf ? { asOf: route.asOf } : {}),
                        ...(route.lang ? { lang: route.lang } : {}),
                      }),
                    },
                    apiText(s.service.name, s.service.nameEn),
                  ),
                  h('span', { class: 'muted' }, ` (${layerLabel(s.layer)})`),
                ),
              ),
            ),
          ),
          cell(5, changesCell(e, asOf)),
        ),
      ),
    ),
  );
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
      {
        selector: 'node.standard',
        style: {
          shape: 'round-rectangle',
          width: 130,
          height: 44,
          'background-color': 'data(colour)',
          color: 'data(text)',
          label: 'data(label)',
          'text-wrap': 'wrap',
          'text-max-width': '120px',
          'text-valign': 'center',
          'font-size': 10,
        },
      },
      {
        selector: 'node.service',
        style: {
          shape: 'ellipse',
          width: 150,
          height: 60,
          'background-color': '#1d4f91',
          color: '#ffffff',
          label: 'data(label)',
          'text-wrap': 'wrap',
          'text-max-width': '130px',
          'text-valign': 'center',
          'font-size': 12,
          'font-weight': 'bold',
        },
      },
      {
        selector: 'edge',
        style: { width: 1.5, 'line-color': '#8a96a8', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#8a96a8' },
      },
      { selector: 'node:selected', style: { 'outline-width': 4, 'outline-color': '#0b57d0', 'outline-offset': 3 } },
    ],
    layout: { name: 'concentric', concentric: (n) => (n.hasClass('service') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 12, padding: 16 },
    autoungrabify: true,
    boxSelectionEnabled: false,
  });
}

export function vendorsView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  /** The current load's signal: a page or export of an older load is dropped (and cancelled). */
  let current: AbortSignal = new AbortController().signal;
  let cy: Core | null = null;
  let lastKey = '\u0000';
  let lastSel: string | undefined;
  let mode: 'table' | 'graph' = 'table';
  let entries: Entry[] = [];
  let total = 0;
  let endCursor: string | null = null;
  let hasNextPage = false;
  let loadingMore = false;
  let route = initial;
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, t('vendorsTitle'));
  const layerSelect = h(
    'select',
    { id: 'vendor-layer' },
    h('option', { value: '' }, t('allLayers')),
    layers().map((l) => h('option', { value: l.id, selected: l.id === initial.layer }, layerLabel(l.id))),
  );
  layerSelect.addEventListener('change', () => update({ layer: layerSelect.value || undefined, sel: undefined }));
  const tableButton = h('button', { type: 'button', class: 'button', 'aria-pressed': 'true', onclick: () => setMode('table') }, t('tableView'));
  const graphButton = h('button', { type: 'button', class: 'button', 'aria-pressed': 'false', onclick: () => setMode('graph') }, t('graphView'));
  const asOfInput = h('input', { type: 'date', id: 'vendor-asof', value: initial.asOf ?? todayIso() });
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) update({ asOf: asOfInput.value === todayIso() ? undefined : asOfInput.value, sel: undefined });
  });
  const asOf = () => route.asOf ?? todayIso();
  // CSV here; the export module takes the same rows for other formats (xlsx: issue 15).
  const exportButton = h(
    'button',
    { type: 'button', class: 'button', id: 'export-standards-csv', disabled: true, onclick: () => void exportAll() },
    t('exportStandardsCsv'),
  );

  /** Every page of the current filters (the shown ones reused), for the export. */
  async function exportAll(): Promise<void> {
    const signal = current;
    exportButton.disabled = true;
    exportButton.setAttribute('aria-busy', 'true');
    try {
      const all = [...entries];
      let cursor = endCursor;
      let more = hasNextPage;
      if (more) announce(t('exportReading', { total }));
      while (more) {
        const data = await page(cursor, STANDARDS_EXPORT_PAGE_SIZE, false, signal);
        if (signal.aborted) return;
        all.push(...data.standards.edges.map((e) => e.node));
        cursor = data.standards.pageInfo.endCursor;
        more = data.standards.pageInfo.hasNextPage;
      }
      const file = exportStandards('csv', all, { layer: route.layer, asOf: asOf() });
      announce(t('exported', { file }));
    } catch (e) {
      if (!signal.aborted) announce(plainError(e), 'error');
    } finally {
      exportButton.removeAttribute('aria-busy');
      exportButton.disabled = entries.length === 0;
    }
  }

  function page(after: string | null, first: number, counted: boolean, signal: AbortSignal): Promise<StandardsData> {
    return gql(STANDARDS, { layer: entryOf(layers(), route.layer) ?? null, asOf: route.asOf ?? null, first, after, counted }, { signal });
  }
  const body = h('div', { class: 'vendors-body', id: 'vendors' });
  root.append(
    h(
      'div',
      { class: 'view' },
      h(
        'div',
        { class: 'view-head' },
        heading,
        h(
          'div',
          { class: 'toolbar' },
          h('div', { class: 'field inline' }, h('label', { for: 'vendor-layer' }, t('layerFilter')), layerSelect),
          h('div', { class: 'field inline' }, h('label', { for: 'vendor-asof' }, t('asOf')), asOfInput),
          h('div', { class: 'button-group', role: 'group', 'aria-label': `${t('tableView')} / ${t('graphView')}` }, tableButton, graphButton),
          h('div', { class: 'button-group', role: 'group', 'aria-label': t('exportGroup') }, exportButton),
        ),
      ),
      h('p', { class: 'intro' }, t('vendorsIntro')),
      body,
    ),
  );
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
      body.append(...tablesPerLayer(entries, route, asOf()), moreControl());
      return;
    }
    const canvas = h('div', { class: 'vendors-canvas', role: 'img', 'aria-label': `${t('graphView')}: ${t('vendorsTitle')}` });
    body.append(canvas, moreControl());
    cy = graph(canvas, entries);
    cy.on('tap', 'node.standard', (ev) => update({ sel: String((ev.target as NodeSingular).id()) }));
    cy.on('tap', 'node.service', (ev) => update({ view: 'heatmap', service: String((ev.target as NodeSingular).id()), sel: undefined, layer: undefined }));
  }

  /** How many are shown of how many, and the button for the next page while there is one. */
  function moreControl(): HTMLElement {
    const shown = h('p', { id: 'standards-shown', class: 'muted' }, t('standardsShown', { shown: entries.length, total }));
    if (!hasNextPage) return h('div', { class: 'standards-more' }, shown);
    const button = h(
      'button',
      { type: 'button', class: 'button', id: 'standards-more', 'aria-describedby': 'standards-shown', onclick: () => loadMore() },
      loadingMore ? t('loadingMore') : t('showMore', { count: Math.min(STANDARDS_PAGE_SIZE, total - entries.length) }),
    );
    if (loadingMore) {
      button.setAttribute('aria-disabled', 'true');
      button.setAttribute('aria-busy', 'true');
    }
    return h('div', { class: 'standards-more' }, shown, button);
  }

  /** The next page, appended; focus moves to the first new standard so a keyboard user reads on from there. */
  function loadMore(): void {
    if (loadingMore || !hasNextPage) return;
    const signal = current;
    loadingMore = true;
    draw();
    document.getElementById('standards-more')?.focus();
    page(endCursor, STANDARDS_PAGE_SIZE, false, signal).then(
      (data) => {
        if (signal.aborted) return;
        loadingMore = false;
        const added = data.standards.edges.map((e) => e.node);
        entries = [...entries, ...added];
        endCursor = data.standards.pageInfo.endCursor;
        hasNextPage = data.standards.pageInfo.hasNextPage;
        draw();
        announce(t('loadedMore', { count: added.length, shown: entries.length, total }));
        const first = added[0] && body.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(added[0].element.id)}"] button`);
        (first ?? document.getElementById('standards-more'))?.focus();
      },
      (e: unknown) => {
        if (signal.aborted) return;
        loadingMore = false;
        draw();
        announce(plainError(e), 'error');
        document.getElementById('standards-more')?.focus();
      },
    );
  }

  function load(): void {
    const signal = (current = loads.start());
    cy?.destroy();
    cy = null;
    loadingMore = false;
    clear(body);
    body.append(loadingState());
    exportButton.disabled = true;
    page(null, STANDARDS_PAGE_SIZE, true, signal).then(
      (data) => {
        if (signal.aborted) return;
        entries = data.standards.edges.map((e) => e.node);
        total = data.standards.totalCount ?? entries.length;
        endCursor = data.standards.pageInfo.endCursor;
        hasNextPage = data.standards.pageInfo.hasNextPage;
        exportButton.disabled = entries.length === 0;
        draw();
      },
      (e: unknown) => {
        if (signal.aborted) return;
        clear(body);
        body.append(errorState(e, load));
      },
    );
  }

  // After a write, the table and the open panel show the written state.
  const stopWrites = onWrite(() => {
    lastKey = '';
    lastSel = undefined;
    controller.update(route);
  });

  const controller: ViewController = {
    update(next) {
      route = next;
      const key = `${next.layer ?? ''}|${next.asOf ?? ''}`;
      if (key !== lastKey) {
        lastKey = key;
        asOfInput.value = asOf();
        load();
      }
      if (next.sel !== lastSel) {
        lastSel = next.sel;
        if (next.sel) showElement(next.sel, { onClose: () => update({ sel: undefined }), onOpen: (id) => update({ sel: id }), asOf: asOf() });
        else hidePanel();
      }
    },
    destroy() {
      loads.stop();
      stopWrites();
      cy?.destroy();
      hidePanel();
    },
  };
  controller.update(initial);
  heading.focus({ preventScroll: true });
  return controller;
}
