/** The heat-map view: toolbar (as-of date, perspective, exports, analyst actions), legend, the graph and a list. */
import type { Core, NodeSingular } from 'cytoscape';
import { gql } from '../api';
import { onAuthChange, signedIn } from '../auth';
import { append, clear, h } from '../dom';
import { exportNormsCsv, exportPng, exportSvg } from '../export';
import { openMarkGap, openSavePerspective } from '../forms';
import { formatDate, pick, t } from '../i18n';
import {
  HEAT_MAP,
  PERSPECTIVES,
  SERVICES,
  type GapData,
  type HeatStatus,
  type HeatMapCellData,
  type HeatMapData,
  type PerspectiveData,
  type ServicesData,
} from '../queries';
import { formatRoute, update, type Route } from '../router';
import { announce, apiText, errorState, loadingState, onWrite, statusChip, todayIso } from '../ui';
import { tp } from '../planning/i18n';
import { layerLabel, levelLabel, normativeLevels, statusLabel, statuses } from '../vocabulary';
import { CHANGE_OUTLINE, createHeatMapGraph, levelBorder, nodeById, nodesOf, tallLayout, type CompareMark } from './heatmap-graph';
import { HEAT_MAP_COMPARE, type HeatMapDiffData } from '../planning/queries';
import { defaultTo } from '../planning/compare';
import { changeIcon } from '../status-icons';
import { hidePanel, showElement, showGap } from './panel';
import type { ViewController } from './types';
import { latest } from '../latest';

declare global {
  interface Window {
    /** For tests and the curious: the heat map's Cytoscape instance and how long it took to draw. */
    reguleringsplan?: { cy: Core | null; renderMs: number | null; dataMs?: number };
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
type Diff = HeatMapDiffData['heatMapDiff'];

/** Compare mode: the diff's cells as marks on the map drawn for `asOf` (the diff runs earlier → later). */
export function compareMarks(diff: Diff, asOf: string): CompareMark[] {
  const drawnIsFrom = asOf === diff.from;
  const label = (s: HeatStatus | null) => (s === null ? t('compareNotOnMap') : statusLabel(s));
  return diff.cells.flatMap((c): CompareMark[] => {
    const ref = c.element?.id ?? c.gap?.id;
    if (!ref) return [];
    return [
      {
        layer: c.layer,
        ref,
        kind: c.element ? 'cell' : 'gap',
        name: c.element ? pick(c.element.name, c.element.nameEn) : c.gap ? pick(c.gap.title, c.gap.titleEn) : ref,
        drawn: drawnIsFrom ? c.before : c.after,
        other: drawnIsFrom ? c.after : c.before,
        text: `${label(c.before)} → ${label(c.after)}`,
      },
    ];
  });
}

const today = todayIso;
/** Phones get the list first and open: a four-band drawing 390 px wide has unreadable labels. */
const PHONE = '(max-width: 600px)';
const NARROW = '(max-width: 900px)';

export function heatMapView(root: HTMLElement, initial: Route): ViewController {
  let route = initial;
  let data: HeatMapData['heatMap'] | null = null;
  let perspectives: PerspectiveData[] = [];
  let cy: Core | null = null;
  let order: string[] = [];
  let focusIndex = -1;
  let loadKey = '';
  const loads = latest();
  let resizeObserver: ResizeObserver | null = null;
  let services: ServicesData['informationServices'] = [];
  /** Compare mode (`sammenlign` in the route): the diff between the map's date and that one, and its marks. */
  let diff: Diff | null = null;
  let marks: CompareMark[] = [];
  window.reguleringsplan = { cy: null, renderMs: null };

  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, t('navHeatMap'));
  const toolbar = h('div', { class: 'toolbar' });
  const legend = h('section', { class: 'legend', 'aria-labelledby': 'legend-title' });
  const graph = h('div', {
    class: 'heatmap-canvas',
    id: 'heatmap',
    tabindex: '0',
    role: 'application',
    'aria-roledescription': t('heatMapRole'),
    'aria-describedby': 'heatmap-help',
    'data-state': 'loading',
  });
  const help = h('p', { id: 'heatmap-help', class: 'visually-hidden' }, t('heatMapKeys'));
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const status = h('div', { class: 'view-status' });
  const compareBox = h('section', { class: 'compare-box', id: 'compare-box', 'aria-labelledby': 'compare-box-title', hidden: true });
  const list = h('details', { class: 'element-list' });
  // From the heading, one Tab and Enter reach the map (the toolbar has up to nine controls).
  const skipToMap = h(
    'a',
    {
      class: 'skip-to-map',
      href: '#heatmap',
      onclick: (ev: Event) => {
        ev.preventDefault();
        graph.focus();
      },
    },
    t('skipToMap'),
  );
  // Printed pages say what they show and where it came from (the screen shows this in the header and toolbar).
  const printHead = h('div', { class: 'print-only print-head' });
  const body = h('div', { class: 'heatmap-body' }, graph, legend);
  const view = h(
    'div',
    { class: 'view heatmap-view' },
    h('div', { class: 'view-head' }, heading, skipToMap, toolbar),
    printHead,
    status,
    compareBox,
    body,
    help,
    live,
    list,
  );
  root.append(view);

  /** The list view: first and open on phones, after the map elsewhere. */
  function placeList(): void {
    const phone = window.matchMedia(PHONE).matches;
    if (phone && list.nextElementSibling !== body) view.insertBefore(list, body);
    if (!phone && list.previousElementSibling !== live) view.append(list);
    if (phone) list.open = true;
  }

  /**
   * Wide screens: the map fills the window below the toolbar (a wrapped header never pushes it off
   * screen). Narrow ones (tablets upright, phones): as tall as readable labels need, the page
   * scrolls. Returns the columns to draw with, if fixed.
   */
  function sizeCanvas(): number | undefined {
    if (data && window.matchMedia(NARROW).matches) {
      const tall = tallLayout(data, graph.clientWidth || window.innerWidth - 24, 0.8, marks);
      graph.style.height = `${tall.height}px`;
      return tall.cols;
    }
    const top = graph.getBoundingClientRect().top + window.scrollY;
    graph.style.height = `${Math.max(360, Math.floor(window.innerHeight - top - 14))}px`;
    return undefined;
  }

  const cells = (): HeatMapCellData[] => data?.rows.flatMap((r) => r.cells) ?? [];
  const gaps = (): GapData[] => data?.rows.flatMap((r) => r.gaps) ?? [];
  const serviceName = () => (data ? pick(data.service.name, data.service.nameEn) : (route.service ?? ''));
  const fileBase = () => `varmekart-${route.service ?? 'tjeneste'}-${data?.asOf ?? today()}`;

  function renderToolbar(): void {
    // The toolbar is redrawn on every route change: a control used by keyboard keeps the focus.
    const focused = toolbar.contains(document.activeElement) ? document.activeElement?.id : undefined;
    clear(toolbar);
    const asOf = h('input', { type: 'date', id: 'asof', value: route.asOf ?? data?.asOf ?? today() });
    asOf.addEventListener('change', () => {
      if (asOf.value) update({ asOf: asOf.value === today() ? undefined : asOf.value });
    });
    const servicePicker = h(
      'select',
      { id: 'service-picker' },
      route.service && services.some((s) => s.id === route.service) ? null : h('option', { value: '' }, t('chooseServiceOption')),
      services.map((s) => h('option', { value: s.id, selected: s.id === route.service }, pick(s.name, s.nameEn))),
    );
    servicePicker.addEventListener('change', () => {
      if (servicePicker.value) update({ service: servicePicker.value, sel: undefined, perspective: undefined });
    });
    const select = h(
      'select',
      { id: 'perspective' },
      h('option', { value: '' }, t('allPerspective')),
      perspectives.map((p) => h('option', { value: p.id, selected: p.id === route.perspective }, pick(p.name, p.nameEn))),
    );
    if (route.perspective && !perspectives.some((p) => p.id === route.perspective))
      select.append(h('option', { value: route.perspective, selected: true }, route.perspective));
    select.addEventListener('change', () => update({ perspective: select.value || undefined, sel: undefined }));
    const disabled = !data || !cy;
    // Compare mode: on, the second date is in the route (`sammenlign`), so the view is a deep link.
    const compareOn = h('input', { type: 'checkbox', id: 'compare-toggle', checked: route.sammenlign !== undefined });
    compareOn.addEventListener('change', () => update({ sammenlign: compareOn.checked ? defaultTo() : undefined }));
    const compareDate = h('input', { type: 'date', id: 'compare-date', value: route.sammenlign ?? '', 'aria-label': t('compareDate') });
    compareDate.addEventListener('change', () => {
      if (compareDate.value) update({ sammenlign: compareDate.value });
    });
    append(toolbar, [
      services.length ? h('div', { class: 'field inline' }, h('label', { for: 'service-picker' }, t('service')), servicePicker) : null,
      h('div', { class: 'field inline' }, h('label', { for: 'asof' }, t('asOf')), asOf),
      h('div', { class: 'field inline' }, h('label', { for: 'perspective' }, t('perspective')), select),
      h(
        'div',
        { class: 'field inline compare-field' },
        compareOn,
        h('label', { for: 'compare-toggle' }, t('compareWithDate')),
        route.sammenlign !== undefined ? compareDate : null,
      ),
      h(
        'a',
        {
          class: 'button',
          id: 'compare-dates',
          href: formatRoute({ view: 'compare', service: route.service, from: route.asOf ?? todayIso(), ...(route.lang ? { lang: route.lang } : {}) }),
        },
        tp('compareDates'),
      ),
      h(
        'div',
        { class: 'button-group', role: 'group', 'aria-label': t('exportGroup') },
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            id: 'export-png',
            disabled,
            onclick: () => {
              if (cy) announce(t('exported', { file: exportPng(cy, `${fileBase()}.png`) }));
            },
          },
          t('exportPng'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            id: 'export-svg',
            disabled,
            onclick: () => {
              if (cy) announce(t('exported', { file: exportSvg(cy, `${fileBase()}.svg`) }));
            },
          },
          t('exportSvg'),
        ),
        h('button', { type: 'button', class: 'button', id: 'export-csv', disabled: !data, onclick: () => void csv() }, t('exportCsv')),
        // The whole map as files for Excel and Archi, served by the API without GraphQL.
        h('a', { class: 'button', id: 'export-xlsx', href: '/export/map.xlsx', download: '' }, t('exportXlsx')),
        h(
          'a',
          {
            class: 'button',
            id: 'export-archimate',
            href: `/export/archimate.xml?asOf=${encodeURIComponent(route.asOf ?? data?.asOf ?? today())}`,
            download: '',
          },
          t('exportArchimate'),
        ),
      ),
      signedIn() && data
        ? h(
            'div',
            { class: 'button-group', role: 'group', 'aria-label': t('analystActions') },
            h('button', { type: 'button', class: 'button primary', id: 'mark-gap', onclick: () => markGap() }, t('markGap')),
            h('button', { type: 'button', class: 'button', id: 'save-perspective', onclick: () => savePerspective() }, t('savePerspective')),
          )
        : null,
    ]);
    if (focused) document.getElementById(focused)?.focus();
  }

  async function csv(): Promise<void> {
    if (!route.service) return;
    const file = `normer-${route.service}-${data?.asOf ?? today()}.csv`;
    const result = await exportNormsCsv(route.service, route.asOf, cells(), file);
    announce(result.fallback ? `${t('exported', { file })} ${t('fallbackCsv')}` : t('exported', { file }));
  }

  function markGap(): void {
    if (!route.service) return;
    // The write reloads the map (onWrite below); the new gap opens once it is drawn.
    openMarkGap(route.service, serviceName(), undefined, (gap) => update({ sel: gap.id }));
  }

  function savePerspective(): void {
    const current = perspectives.find((p) => p.id === route.perspective) ?? null;
    openSavePerspective(current, route.service, perspectives, (p) => {
      perspectives = [...perspectives.filter((x) => x.id !== p.id), p];
      if (route.perspective !== p.id) update({ perspective: p.id, sel: undefined });
    });
  }

  function renderLegend(): void {
    clear(legend);
    if (!data) return;
    const total = data.counts.reduce((n, c) => n + c.count, 0);
    append(legend, [
      h('h2', { id: 'legend-title' }, t('legend')),
      h(
        'ul',
        { class: 'legend-statuses' },
        statuses().map((s) => h('li', {}, statusChip(s.id, data?.counts.find((c) => c.status === s.id)?.count ?? 0))),
      ),
      h('p', { class: 'legend-total' }, t('legendTotal', { n: total })),
      h('h3', {}, t('normativeLevel')),
      h(
        'ul',
        { class: 'legend-levels' },
        [...normativeLevels()]
          .sort((a, b) => b.rank - a.rank)
          .map((l) => {
            const b = levelBorder(l.id);
            return h(
              'li',
              { 'data-level': l.id },
              h('span', { class: 'level-sample', style: `border:${b.width}px ${b.style} #111`, 'aria-hidden': 'true' }),
              levelLabel(l.id),
            );
          }),
        // Cells without a level have no border at all: the sources have not given one yet.
        h('li', { 'data-level': 'none' }, h('span', { class: 'level-sample', style: 'border:0', 'aria-hidden': 'true' }), t('notRecorded')),
      ),
      diff ? h('h3', {}, t('compareWithDate')) : null,
      diff
        ? h(
            'ul',
            { class: 'legend-compare' },
            h(
              'li',
              {},
              h(
                'span',
                { class: 'level-sample compare-sample', style: `outline:3px dashed ${CHANGE_OUTLINE}`, 'aria-hidden': 'true' },
                h('img', { src: changeIcon(), alt: '', width: 14, height: 14 }),
              ),
              t('compareMark'),
            ),
            h(
              'li',
              {},
              h('span', { class: 'level-sample', style: `background:#fff;border:2px dashed ${CHANGE_OUTLINE}`, 'aria-hidden': 'true' }),
              t('compareGhost'),
            ),
          )
        : null,
    ]);
  }

  /** Compare mode's summary above the map: how many cells change between which dates, and a link to their causes. */
  function renderCompareBox(): void {
    clear(compareBox);
    const other = route.sammenlign;
    compareBox.hidden = other === undefined;
    if (other === undefined) return;
    const title = h('h2', { id: 'compare-box-title', class: 'visually-hidden' }, t('compareWithDate'));
    if (!diff) {
      compareBox.append(title, h('p', { class: 'compare-summary', role: 'status' }, t('compareSameDate')));
      return;
    }
    const n = diff.cells.length;
    const dates = { n, from: formatDate(diff.from), to: formatDate(diff.to) };
    append(compareBox, [
      title,
      h(
        'p',
        { class: 'compare-summary', role: 'status', 'data-changed': String(n) },
        n === 0 ? t('compareNoChange', dates) : n === 1 ? t('compareChangedOne', dates) : t('compareChanged', dates),
      ),
      n > 0
        ? h(
            'a',
            {
              id: 'compare-all',
              href: formatRoute({ view: 'compare', service: route.service, from: diff.from, to: diff.to, ...(route.lang ? { lang: route.lang } : {}) }),
            },
            t('compareAllChanges'),
          )
        : null,
    ]);
  }

  function renderList(): void {
    clear(list);
    if (!data) return;
    const markOf = (layer: string, ref: string) => marks.find((m) => m.layer === layer && m.ref === ref);
    // Compare mode: a changed entry says before → after, after a Δ the eye can find without colour.
    const change = (layer: string, ref: string) => {
      const m = markOf(layer, ref);
      return m ? h('span', { class: 'list-change', 'data-change': m.text }, h('span', { 'aria-hidden': 'true' }, ' · Δ '), m.text) : null;
    };
    const ghosts = (layer: string) => marks.filter((m) => m.layer === layer && m.drawn === null && m.other !== null);
    append(list, [
      h('summary', {}, t('listView')),
      data.rows.map((row) =>
        h(
          'section',
          { class: 'list-band', 'data-layer': row.layer },
          h('h2', {}, `${layerLabel(row.layer)} (${row.cells.length + row.gaps.length})`),
          row.cells.length + row.gaps.length + ghosts(row.layer).length === 0 ? h('p', { class: 'muted' }, t('emptyLayer')) : null,
          h(
            'ul',
            {},
            row.cells.map((c) =>
              h(
                'li',
                { class: markOf(row.layer, c.element.id) ? 'changed' : null },
                h(
                  'button',
                  { type: 'button', class: 'link-button', 'data-id': c.element.id, onclick: () => update({ sel: c.element.id }) },
                  apiText(c.element.name, c.element.nameEn),
                ),
                h('span', { class: 'muted' }, ` · ${statusLabel(c.status)} · ${c.normativeLevel ? levelLabel(c.normativeLevel) : t('notRecorded')}`),
                change(row.layer, c.element.id),
              ),
            ),
            row.gaps.map((g) =>
              h(
                'li',
                { class: markOf(row.layer, g.id) ? 'changed' : null },
                h('button', { type: 'button', class: 'link-button', 'data-id': g.id, onclick: () => update({ sel: g.id }) }, apiText(g.title, g.titleEn)),
                h('span', { class: 'muted' }, ` · ${statusLabel('UNMET_NEED')}`),
                change(row.layer, g.id),
              ),
            ),
            ghosts(row.layer).map((m) =>
              h(
                'li',
                { class: 'changed ghost' },
                h('button', { type: 'button', class: 'link-button', 'data-id': m.ref, onclick: () => update({ sel: m.ref }) }, m.name),
                change(row.layer, m.ref),
              ),
            ),
          ),
        ),
      ),
    ]);
    placeList();
  }

  function describe(id: string): string {
    const mark = marks.find((m) => m.ref === id);
    return mark ? `${describeOnMap(id)}, ${mark.text}` : describeOnMap(id);
  }

  function describeOnMap(id: string): string {
    const ghost = marks.find((m) => m.ref === id && m.drawn === null);
    if (ghost) return `${ghost.name}, ${layerLabel(ghost.layer)}`;
    const cell = cells().find((c) => c.element.id === id);
    if (cell)
      return `${pick(cell.element.name, cell.element.nameEn)}, ${statusLabel(cell.status)}, ${layerLabel(cell.why.layer)}${cell.normativeLevel ? `, ${levelLabel(cell.normativeLevel)}` : ''}`;
    const gap = gaps().find((g) => g.id === id);
    return gap ? `${pick(gap.title, gap.titleEn)}, ${statusLabel('UNMET_NEED')}, ${layerLabel(gap.layer)}` : id;
  }

  function focusNode(index: number): void {
    if (!cy || order.length === 0) return;
    focusIndex = Math.max(0, Math.min(order.length - 1, index));
    cy.nodes('.focused').removeClass('focused');
    const id = order[focusIndex];
    const node = id ? nodeById(cy, id) : null;
    if (node) {
      node.addClass('focused');
      live.textContent = describe(String(node.data('ref')));
    }
  }

  graph.addEventListener('keydown', (ev) => {
    if (!cy || order.length === 0) return;
    const cols = (() => {
      const current = order[focusIndex] ? nodeById(cy, order[focusIndex] ?? '') : null;
      if (!current) return 1;
      const y = current.position('y');
      return cy.nodes('.cell, .gap').filter((n) => n.position('y') === y && n.data('layer') === current.data('layer')).length || 1;
    })();
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, Home: -order.length, End: order.length };
    const move = moves[ev.key];
    if (move !== undefined) {
      ev.preventDefault();
      focusNode(focusIndex < 0 ? 0 : focusIndex + move);
    } else if ((ev.key === 'Enter' || ev.key === ' ') && focusIndex >= 0) {
      ev.preventDefault();
      const node = nodeById(cy, order[focusIndex] ?? '');
      if (node) update({ sel: String(node.data('ref')) });
    } else if (ev.key === 'Escape' && route.sel) {
      ev.preventDefault();
      update({ sel: undefined });
    }
  });
  graph.addEventListener('focus', () => {
    if (focusIndex < 0) focusNode(route.sel && cy ? Math.max(0, order.indexOf(nodesOf(cy, route.sel).first().id())) : 0);
  });

  function applySelection(): void {
    // While a (re)load is under way the selection is applied when it is drawn, from fresh data.
    if (!data || graph.dataset.state === 'loading') return;
    const sel = route.sel;
    if (cy) {
      cy.nodes(':selected').unselect();
      if (sel) nodesOf(cy, sel).select();
    }
    if (!sel) {
      hidePanel();
      return;
    }
    const close = () => {
      update({ sel: undefined });
      graph.focus();
    };
    // A gap drawn only in compare mode (not on the map on its date) opens from the diff's copy.
    const gap = gaps().find((g) => g.id === sel) ?? diff?.cells.find((c) => c.gap?.id === sel)?.gap;
    if (gap) return showGap(gap, serviceName(), close);
    const cell = cells().find((c) => c.element.id === sel);
    showElement(sel, { ...(cell ? { cell } : {}), serviceName: serviceName(), onClose: close, onOpen: (id) => update({ sel: id }), asOf: data.asOf });
  }

  function load(): void {
    const signal = loads.start();
    const started = performance.now();
    graph.dataset.state = 'loading';
    clear(status);
    status.append(loadingState());
    cy?.destroy();
    cy = null;
    window.reguleringsplan = { cy: null, renderMs: null };
    if (!route.service) {
      forget();
      clear(status);
      status.append(h('p', { class: 'state' }, t('chooseService')));
      graph.dataset.state = 'empty';
      return;
    }
    if (data && data.service.id !== route.service) forget();
    const variables = { service: route.service, asOf: route.asOf ?? null, perspective: route.perspective ?? null };
    // Compare mode: the diff comes in the same request as the map (one more root field, its own single Cypher query).
    const asOf = route.asOf ?? today();
    const other = route.sammenlign && ISO_DATE.test(route.sammenlign) && route.sammenlign !== asOf ? route.sammenlign : null;
    const heatMap$: Promise<HeatMapData & Partial<HeatMapDiffData>> = other
      ? gql(HEAT_MAP_COMPARE, { ...variables, from: other < asOf ? other : asOf, to: other < asOf ? asOf : other }, { signal })
      : gql(HEAT_MAP, variables, { signal });
    Promise.all([
      heatMap$,
      gql(PERSPECTIVES, {}, { signal }).then(
        (p) => p.perspectives,
        () => [] as PerspectiveData[],
      ),
      services.length
        ? Promise.resolve(services)
        : gql(SERVICES, {}, { signal }).then(
            (d) => d.informationServices,
            () => [],
          ),
    ]).then(
      async ([heat, ps, svc]) => {
        if (signal.aborted) return;
        const dataMs = performance.now() - started;
        data = heat.heatMap;
        diff = heat.heatMapDiff ?? null;
        marks = diff ? compareMarks(diff, data.asOf) : [];
        perspectives = ps;
        services = [...svc].sort((a, b) => pick(a.name, a.nameEn).localeCompare(pick(b.name, b.nameEn), 'nb'));
        heading.textContent = '';
        heading.append(t('heatMapOf', { name: '' }).replace(/\s*$/, ' '), apiText(data.service.name, data.service.nameEn));
        document.title = `${serviceName()} – ${t('appTitle')}`;
        clear(status);
        // Four empty bands would read as "nothing applies"; say instead that nothing is recorded yet.
        if (!data.normsRecorded) status.append(h('p', { class: 'state no-norms', role: 'status' }, `${t('noNormsRecorded')} ${t('noNormsHowToAdd')}`));
        renderLegend();
        renderList();
        renderPrintHead();
        renderCompareBox();
        renderToolbar(); // before measuring: the toolbar's final width decides where the map starts
        const built = createHeatMapGraph(graph, data, sizeCanvas(), marks);
        cy = built.cy;
        order = built.order;
        focusIndex = -1;
        cy.on('tap', 'node.cell, node.gap', (ev) => {
          focusIndex = order.indexOf(String((ev.target as NodeSingular).id()));
          update({ sel: String((ev.target as NodeSingular).data('ref')) });
        });
        // Labels are shortened to fit their cell: the full name on hover (and in compare mode, before → after).
        cy.on('mouseover', 'node.cell, node.gap', (ev) => {
          const node = ev.target as NodeSingular;
          const name = String(node.data('name'));
          const change = node.data('change') as string | undefined;
          if (change) graph.title = `${name}: ${change}`;
          else if (name !== String(node.data('label'))) graph.title = name;
          else graph.removeAttribute('title');
        });
        cy.on('mouseout', 'node.cell, node.gap', () => graph.removeAttribute('title'));
        await built.ready;
        if (signal.aborted) return;
        const renderMs = performance.now() - started;
        window.reguleringsplan = { cy, renderMs, dataMs };
        graph.dataset.state = 'ready';
        graph.setAttribute(
          'aria-label',
          `${t('heatMapOf', { name: serviceName() })}: ${data.counts.map((c) => `${statusLabel(c.status)} ${c.count}`).join(', ')}`,
        );
        renderToolbar();
        applySelection();
        window.dispatchEvent(new CustomEvent('heatmap:ready', { detail: { service: route.service, renderMs } }));
      },
      (e: unknown) => {
        if (signal.aborted) return;
        forget();
        graph.dataset.state = 'error';
        clear(status);
        status.append(
          errorState(e, load, {
            message: t('serviceNotFound', { id: route.service ?? '' }),
            href: formatRoute({ view: 'landscape', ...(route.lang ? { lang: route.lang } : {}) }),
            label: t('backToLandscape'),
          }),
        );
        renderToolbar();
      },
    );
  }

  /** Nothing of another service may stay on screen while this one loads or fails (issue 17). */
  function forget(): void {
    data = null;
    diff = null;
    marks = [];
    clear(compareBox);
    compareBox.hidden = true;
    clear(legend);
    clear(list);
    clear(printHead);
    hidePanel();
    heading.textContent = t('navHeatMap');
    document.title = `${t('navHeatMap')} – ${t('appTitle')}`;
  }

  function renderPrintHead(): void {
    clear(printHead);
    if (!data) return;
    printHead.append(
      h(
        'p',
        {},
        h('strong', {}, t('asOfDate', { date: formatDate(data.asOf) })),
        data.perspective ? ` · ${t('perspective')}: ${pick(data.perspective.name, data.perspective.nameEn)}` : '',
        diff ? ` · ${t('compareWithDate')}: ${formatDate(route.sammenlign)}` : '',
      ),
      h('p', { class: 'print-url' }, t('printedFrom', { url: location.href })),
    );
  }

  const onWindowResize = () => {
    placeList();
    sizeCanvas();
  };
  window.addEventListener('resize', onWindowResize);
  // Printing: the drawing is redrawn for the page's size, then back for the screen.
  const refit = () => {
    if (!cy) return;
    cy.resize();
    cy.fit(undefined, 12);
  };
  const beforePrint = () => {
    graph.style.height = '';
    refit();
  };
  const afterPrint = () => {
    sizeCanvas();
    refit();
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
  const stopWrites = onWrite(() => {
    loadKey = '';
    controller.update(route);
  });

  resizeObserver = new ResizeObserver(() => {
    if (!cy) return;
    cy.resize();
    cy.fit(undefined, 12);
  });
  resizeObserver.observe(graph);
  const stopAuth = onAuthChange(() => renderToolbar());

  const controller: ViewController = {
    update(next) {
      const key = `${next.service}|${next.asOf ?? ''}|${next.perspective ?? ''}|${next.sammenlign ?? ''}`;
      route = next;
      if (key !== loadKey) {
        loadKey = key;
        heading.textContent = t('navHeatMap');
        renderToolbar();
        load();
      } else {
        applySelection();
      }
    },
    destroy() {
      loads.stop();
      resizeObserver?.disconnect();
      stopAuth();
      stopWrites();
      window.removeEventListener('resize', onWindowResize);
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      cy?.destroy();
      cy = null;
      hidePanel();
      window.reguleringsplan = { cy: null, renderMs: null };
    },
  };
  controller.update(initial);
  heading.focus({ preventScroll: true });
  return controller;
}
