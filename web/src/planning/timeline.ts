/**
 * The roadmap timeline: planned changes, measures and dated events on a time axis 2019–2035,
 * grouped by layer, service or measure, filtered by kind, status and service; today marked,
 * overdue changes outlined in red. Drawn as one SVG (so the SVG export is what is on screen and
 * the PNG is that SVG rasterised); every item is an SVG link that opens its element's panel.
 * `#/tidslinje?group=layer|service|measure&kind=change|event|measure&status=…&service=…`.
 */
import { gql } from '../api';
import { clear, download, h } from '../dom';
import { formatDate, formatDue, pick, t } from '../i18n';
import { formatRoute, update, type Route } from '../router';
import { announce, errorState, loadingState } from '../ui';
import { changeLabel, layerLabel, layers } from '../vocabulary';
import { hidePanel } from '../views/panel';
import type { ViewController } from '../views/types';
import { panelFollower, planningHead, todayIso } from './common';
import { tp } from './i18n';
import { SERVICES, TIMELINE, type TimelineData } from './queries';
import { latest } from '../latest';

type Data = TimelineData['timeline'];
type ItemKind = 'change' | 'event' | 'measure';
type ItemStatus = 'open' | 'overdue' | 'completed' | 'happened' | 'expected';

interface Item {
  key: string;
  kind: ItemKind;
  status: ItemStatus;
  /** The element its link opens. */
  target: string;
  label: string;
  title: string;
  start: string;
  end: string;
  groups: string[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const START_YEAR = 2019;
const END_YEAR = 2035;
const LEFT = 190;
const ROW = 22;
const GROUP_GAP = 14;
const AXIS = 34;
const COLOURS: Record<ItemKind, string> = { change: '#1d4f91', event: '#6b4fa0', measure: '#2f7d4f' };
const OVERDUE = '#b3261e';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | null> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** Days since 1970 of an ISO date, for the axis. */
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

function items(data: Data, group: string): { dated: Item[]; undated: Data['changes'] } {
  const out: Item[] = [];
  const groupsOf = (ls: string[], ss: string[], ms: string[]) => (group === 'service' ? ss : group === 'measure' ? ms : ls);
  for (const c of data.changes) {
    if (!c.change.dueBy || !c.change.due) continue;
    const status: ItemStatus = c.change.completedAt ? 'completed' : c.overdue ? 'overdue' : 'open';
    const name = pick(c.change.element.name, c.change.element.nameEn);
    out.push({
      key: c.change.id,
      kind: 'change',
      status,
      target: c.change.element.id,
      label: name,
      title: `${changeLabel(c.change.change)}: ${name}, ${formatDue(c.change.due)}${status === 'overdue' ? ` (${tp('overdue')})` : ''}`,
      start: startOf(c.change.due, c.change.dueBy),
      end: c.change.dueBy,
      groups: groupsOf(c.layers, c.services, c.change.measure ? [c.change.measure.id] : []),
    });
  }
  for (const e of data.events) {
    const label = pick(e.event.title, e.event.titleEn);
    out.push({
      key: e.event.id,
      kind: 'event',
      status: e.event.happened ? 'happened' : 'expected',
      target: e.event.elements[0]?.id ?? '',
      label,
      title: `${label}, ${formatDue(e.event.date)}`,
      start: e.event.dateFrom,
      end: e.event.dateBy,
      groups: groupsOf(e.layers, e.services, e.measures),
    });
  }
  for (const m of data.measures) {
    const label = pick(m.measure.name, m.measure.nameEn);
    out.push({
      key: m.measure.id,
      kind: 'measure',
      status: m.end < data.asOf ? 'completed' : 'open',
      target: m.measure.id,
      label: m.measure.rank ? `${m.measure.rank}. ${label}` : label,
      title: `${label}: ${formatDate(m.start)} – ${formatDate(m.end)}`,
      start: m.start,
      end: m.end,
      groups: groupsOf(m.layers, m.services, [m.measure.id]),
    });
  }
  return { dated: out, undated: data.changes.filter((c) => !c.change.due) };
}

/** The first day of a change's due period (its dueBy is the last). */
function startOf(due: string, dueBy: string): string {
  if (/^\d{4}$/.test(due)) return `${due}-01-01`;
  const q = /^(\d{4})-Q([1-4])$/.exec(due);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}-01`;
  if (/^\d{4}-\d{2}$/.test(due)) return `${due}-01`;
  return dueBy;
}

export function timelineView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  let route = initial;
  let data: Data | null = null;
  let services = new Map<string, string>();
  let measureNames = new Map<string, string>();
  let svgEl: SVGSVGElement | null = null;
  const { head, heading } = planningHead('timeline', initial, tp('timelineTitle'), tp('timelineIntro'));
  const toolbar = h('div', { class: 'toolbar planning-toolbar' });
  const status = h('p', { class: 'summary', role: 'status' });
  const canvas = h('div', { class: 'timeline-canvas', id: 'timeline', 'data-state': 'loading' });
  const undated = h('details', { class: 'timeline-undated' });
  const key = (style: string, text: string) => h('li', {}, h('span', { class: 'key', style, 'aria-hidden': 'true' }), text);
  const legend = h(
    'ul',
    { class: 'timeline-legend', 'aria-label': t('legend') },
    key(`background:${COLOURS.change}`, tp('kindChange')),
    key(`background:${COLOURS.change};outline:3px solid ${OVERDUE}`, tp('statusOverdue')),
    key(`background:${COLOURS.measure}`, tp('kindMeasure')),
    key(`background:${COLOURS.event}`, `${tp('kindEvent')}: ${tp('statusHappened').toLowerCase()}`),
    key(`background:#ffffff;border:2px solid ${COLOURS.event}`, `${tp('kindEvent')}: ${tp('statusExpected').toLowerCase()}`),
    key(`border-left:2px dashed ${OVERDUE}`, tp('today')),
  );
  root.append(h('div', { class: 'view planning-view' }, head, toolbar, status, legend, canvas, undated));
  document.title = `${tp('tabTimeline')} – Reguleringsplan`;

  const group = () => (route.group === 'service' || route.group === 'measure' ? route.group : 'layer');

  function select(id: string, label: string, value: string, options: [string, string][], key: keyof Route): HTMLElement {
    const el = h(
      'select',
      { id },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    );
    el.addEventListener('change', () => update({ [key]: el.value || undefined, sel: undefined }));
    return h('div', { class: 'field inline' }, h('label', { for: id }, label), el);
  }

  function renderToolbar(): void {
    clear(toolbar);
    toolbar.append(
      select(
        'timeline-group',
        tp('groupBy'),
        group(),
        [
          ['layer', tp('groupLayer')],
          ['service', tp('groupService')],
          ['measure', tp('groupMeasure')],
        ],
        'group',
      ),
      select(
        'timeline-kind',
        tp('filterKind'),
        route.kind ?? '',
        [
          ['', tp('kindAll')],
          ['change', tp('kindChange')],
          ['event', tp('kindEvent')],
          ['measure', tp('kindMeasure')],
        ],
        'kind',
      ),
      select(
        'timeline-status',
        tp('filterStatus'),
        route.status ?? '',
        [
          ['', tp('statusAll')],
          ['open', tp('statusOpen')],
          ['overdue', tp('statusOverdue')],
          ['completed', tp('statusCompleted')],
          ['happened', tp('statusHappened')],
          ['expected', tp('statusExpected')],
        ],
        'status',
      ),
      select(
        'timeline-service',
        tp('groupService'),
        route.service ?? '',
        [['', tp('serviceAll')], ...[...services].sort((a, b) => a[1].localeCompare(b[1], 'nb'))],
        'service',
      ),
      h(
        'div',
        { class: 'button-group', role: 'group', 'aria-label': `${t('exportPng')} / ${t('exportSvg')}` },
        h('button', { type: 'button', class: 'button', id: 'timeline-png', disabled: !svgEl, onclick: () => void exportPng() }, t('exportPng')),
        h('button', { type: 'button', class: 'button', id: 'timeline-svg', disabled: !svgEl, onclick: () => exportSvg() }, t('exportSvg')),
      ),
    );
  }

  const fileBase = () => `tidslinje-${group()}-${todayIso()}`;

  function serialised(): string {
    return svgEl ? new XMLSerializer().serializeToString(svgEl) : '';
  }

  function exportSvg(): void {
    if (!svgEl) return;
    download(new Blob([serialised()], { type: 'image/svg+xml' }), `${fileBase()}.svg`);
    announce(t('exported', { file: `${fileBase()}.svg` }));
  }

  async function exportPng(): Promise<void> {
    if (!svgEl) return;
    const width = Number(svgEl.getAttribute('width'));
    const height = Number(svgEl.getAttribute('height'));
    const image = new Image();
    const url = URL.createObjectURL(new Blob([serialised()], { type: 'image/svg+xml' }));
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('svg'));
      image.src = url;
    });
    const canvasEl = document.createElement('canvas');
    canvasEl.width = width * 2;
    canvasEl.height = height * 2;
    const g = canvasEl.getContext('2d');
    if (!g) return;
    g.scale(2, 2);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    g.drawImage(image, 0, 0);
    URL.revokeObjectURL(url);
    const blob = await new Promise<Blob | null>((resolve) => canvasEl.toBlob(resolve, 'image/png'));
    if (blob) download(blob, `${fileBase()}.png`);
    announce(t('exported', { file: `${fileBase()}.png` }));
  }

  function groupLabel(id: string): string {
    if (group() === 'layer') return layerLabel(id);
    if (group() === 'service') return services.get(id) ?? id;
    return measureNames.get(id) ?? id;
  }

  function draw(): void {
    if (!data) return;
    const started = performance.now();
    clear(canvas);
    const { dated, undated: withoutDate } = items(data, group());
    const shown = dated.filter(
      (i) =>
        (!route.kind || i.kind === route.kind) &&
        (!route.status || i.status === route.status) &&
        (!route.service || (group() === 'service' ? i.groups.includes(route.service) : true)),
    );
    // Without a service grouping, the service filter still applies through the items' services.
    const byService = route.service && group() !== 'service' ? new Set(itemsFor(data, route.service)) : null;
    const visible = byService ? shown.filter((i) => byService.has(i.key)) : shown;
    const order =
      group() === 'layer'
        ? layers().map((l) => l.id as string)
        : [...new Set(visible.flatMap((i) => i.groups))].sort((a, b) => groupLabel(a).localeCompare(groupLabel(b), 'nb'));
    const rows: { group: string; lanes: Item[][] }[] = [];
    const width = Math.max(canvas.clientWidth || 1100, 1100);
    const x = (iso: string) =>
      LEFT + ((day(iso) - day(`${START_YEAR}-01-01`)) / (day(`${END_YEAR + 1}-01-01`) - day(`${START_YEAR}-01-01`))) * (width - LEFT - 16);
    const labelEnd = (i: Item) => Math.max(x(i.end), x(i.start) + 8) + 6 + Math.min(i.label.length, 28) * 6.2;
    for (const g of [...order, '']) {
      const members = visible.filter((i) =>
        g === '' ? i.groups.length === 0 : i.groups.includes(g) && (!route.service || group() !== 'service' || g === route.service),
      );
      if (members.length === 0) continue;
      const lanes: Item[][] = [];
      for (const item of [...members].sort((a, b) => a.start.localeCompare(b.start))) {
        const lane = lanes.find((l) => {
          const last = l[l.length - 1];
          return !last || labelEnd(last) < x(item.start);
        });
        if (lane) lane.push(item);
        else lanes.push([item]);
      }
      rows.push({ group: g, lanes });
    }
    const height = AXIS + rows.reduce((n, r) => n + r.lanes.length * ROW + GROUP_GAP, 0) + 20;
    const total = visible.length;
    const root$ = svg('svg', {
      xmlns: SVG_NS,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': tp('timelineLabel', { n: total }),
      'font-family': 'system-ui, sans-serif',
      'font-size': 11,
    });
    root$.append(svg('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
    for (let y = START_YEAR; y <= END_YEAR; y++) {
      const gx = x(`${y}-01-01`);
      root$.append(svg('line', { x1: gx, x2: gx, y1: AXIS - 6, y2: height - 10, stroke: '#dfe4ea' }));
      root$.append(svg('text', { x: gx + 3, y: AXIS - 12, fill: '#4a5665', 'font-size': 10 }, String(y)));
    }
    let top = AXIS;
    for (const r of rows) {
      const label =
        r.group === ''
          ? tp('noGroup', { group: tp(group() === 'layer' ? 'groupLayer' : group() === 'service' ? 'groupService' : 'groupMeasure').toLowerCase() })
          : groupLabel(r.group);
      const band = r.lanes.length * ROW;
      root$.append(svg('rect', { x: 0, y: top - 2, width, height: band + 4, fill: rows.indexOf(r) % 2 ? '#f6f8fa' : '#ffffff' }));
      root$.append(svg('text', { x: 8, y: top + 14, fill: '#1d2733', 'font-weight': 'bold' }, label.length > 30 ? `${label.slice(0, 29)}…` : label));
      r.lanes.forEach((lane, li) => {
        const cy = top + li * ROW + ROW / 2;
        for (const i of lane) {
          const x0 = x(i.start);
          const x1 = Math.max(x(i.end), x0 + 8);
          const colour = COLOURS[i.kind];
          const shown = i.label.length > 28 ? `${i.label.slice(0, 27)}…` : i.label;
          // The accessible name starts with the visible text (WCAG 2.5.3), then says what and when.
          const link = svg('a', {
            href: formatRoute({ ...route, sel: i.target || undefined }),
            'aria-label': `${shown} – ${i.title}`,
            class: `tl-item tl-${i.kind} tl-${i.status}`,
            'data-key': i.key,
            'data-kind': i.kind,
            'data-status': i.status,
          });
          link.append(svg('title', {}, i.title));
          const shape =
            i.kind === 'event'
              ? svg('rect', {
                  x: x0,
                  y: cy - 5,
                  width: x1 - x0,
                  height: 10,
                  rx: 5,
                  fill: i.status === 'happened' ? colour : '#ffffff',
                  stroke: colour,
                  'stroke-width': 2,
                })
              : svg('rect', {
                  x: x0,
                  y: cy - (i.kind === 'measure' ? 7 : 5),
                  width: x1 - x0,
                  height: i.kind === 'measure' ? 14 : 10,
                  rx: 2,
                  fill: i.status === 'completed' ? '#8a96a8' : colour,
                  stroke: i.status === 'overdue' ? OVERDUE : 'none',
                  'stroke-width': i.status === 'overdue' ? 3 : 0,
                });
          link.append(shape);
          if (i.status === 'overdue') link.append(svg('text', { x: x0 - 9, y: cy + 4, fill: OVERDUE, 'font-weight': 'bold' }, '!'));
          link.append(svg('text', { x: x1 + 5, y: cy + 4, fill: i.status === 'overdue' ? OVERDUE : '#1d2733' }, shown));
          root$.append(link);
        }
      });
      top += band + GROUP_GAP;
    }
    const tx = x(data.asOf);
    root$.append(
      svg('line', { x1: tx, x2: tx, y1: AXIS - 8, y2: height - 6, stroke: OVERDUE, 'stroke-width': 2, 'stroke-dasharray': '4 3', class: 'tl-today' }),
    );
    root$.append(svg('text', { x: tx + 4, y: height - 8, fill: OVERDUE, 'font-weight': 'bold' }, `${tp('today')} ${data.asOf}`));
    svgEl = root$;
    canvas.append(total === 0 ? h('p', { class: 'state' }, tp('timelineEmpty')) : root$);
    const overdue = visible.filter((i) => i.status === 'overdue').length;
    status.textContent = tp('timelineCounts', {
      changes: visible.filter((i) => i.kind === 'change').length,
      overdue,
      events: visible.filter((i) => i.kind === 'event').length,
      measures: visible.filter((i) => i.kind === 'measure').length,
    });
    clear(undated);
    undated.append(
      h('summary', {}, tp('undated', { n: withoutDate.length })),
      h(
        'ul',
        {},
        withoutDate.map((c) =>
          h(
            'li',
            {},
            h('a', { href: formatRoute({ ...route, sel: c.change.element.id }) }, pick(c.change.element.name, c.change.element.nameEn)),
            ` · ${changeLabel(c.change.change)}`,
          ),
        ),
      ),
    );
    canvas.dataset.state = 'ready';
    window.planningRenderMs = (window.planningRenderMs ?? 0) + performance.now() - started;
    renderToolbar();
  }

  /** Keys of the items that concern a service, whatever the grouping. */
  function itemsFor(d: Data, service: string): string[] {
    return [
      ...d.changes.filter((c) => c.services.includes(service)).map((c) => c.change.id),
      ...d.events.filter((e) => e.services.includes(service)).map((e) => e.event.id),
      ...d.measures.filter((m) => m.services.includes(service)).map((m) => m.measure.id),
    ];
  }

  function load(): void {
    const signal = loads.start();
    const started = performance.now();
    canvas.dataset.state = 'loading';
    clear(canvas);
    canvas.append(loadingState());
    Promise.all([gql(TIMELINE, {}, { signal }), gql(SERVICES, {}, { signal }).catch(() => ({ informationServices: [] }))]).then(
      ([t, s]) => {
        if (signal.aborted) return;
        data = t.timeline;
        services = new Map(s.informationServices.map((x) => [x.id, pick(x.name, x.nameEn)]));
        measureNames = new Map(data.measures.map((m) => [m.measure.id, pick(m.measure.name, m.measure.nameEn)]));
        for (const c of data.changes) if (c.change.measure) measureNames.set(c.change.measure.id, pick(c.change.measure.name, c.change.measure.nameEn));
        window.planningRenderMs = performance.now() - started;
        draw();
      },
      (e: unknown) => {
        if (signal.aborted) return;
        clear(canvas);
        canvas.dataset.state = 'error';
        canvas.append(errorState(e, load));
      },
    );
  }

  const selection = panelFollower();
  let filterKey = '';
  const controller: ViewController = {
    update(next) {
      route = next;
      const key = `${group()}|${next.kind ?? ''}|${next.status ?? ''}|${next.service ?? ''}`;
      if (data && key !== filterKey) draw();
      filterKey = key;
      selection(next.sel);
    },
    destroy() {
      loads.stop();
      hidePanel();
    },
  };
  renderToolbar();
  filterKey = `${group()}|${initial.kind ?? ''}|${initial.status ?? ''}|${initial.service ?? ''}`;
  load();
  selection(initial.sel);
  heading.focus({ preventScroll: true });
  return controller;
}
