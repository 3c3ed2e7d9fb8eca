/**
 * Compare two dates: on one service's heat map, the cells whose status differs (before → after,
 * with the change that causes it), or over the landscape, per service the counts that change.
 * `#/sammenlign?from=…&to=…[&service=…]`.
 */
import { gql } from '../api';
import { clear, h } from '../dom';
import { formatDate, formatDue, pick } from '../i18n';
import { formatRoute, update, type Route } from '../router';
import { loadingState, statusChip } from '../ui';
import { changeLabel, layerLabel, layers, statuses } from '../vocabulary';
import { langOf, planningHead, reloadingController, settle, todayIso } from './common';
import { tp, type PlanningKey } from './i18n';
import { HEAT_MAP_DIFF, LANDSCAPE_DIFF, SERVICES, type HeatMapDiffData, type LandscapeDiffData, type ServicesData } from './queries';
import type { HeatStatus, StatusCount } from '../queries';
import { latest } from '../latest';
import type { ViewController } from '../views/types';

/** "What changes by 2027": the default comparison runs from today to the end of next year. */
export const defaultTo = (): string => `${new Date().getUTCFullYear() + 1}-12-31`;

declare global {
  interface Window {
    /** For tests: how long the planning view took from its request to drawn (ms). */
    planningRenderMs?: number;
  }
}

function chip(status: HeatStatus | null): HTMLElement {
  return status ? statusChip(status) : h('span', { class: 'chip chip-none' }, tp('notOnMap'));
}

function counts(from: StatusCount[], to: StatusCount[]): HTMLElement {
  return h(
    'ul',
    { class: 'diff-counts' },
    statuses().map((s) => {
      const a = from.find((c) => c.status === s.id)?.count ?? 0;
      const b = to.find((c) => c.status === s.id)?.count ?? 0;
      return h('li', { 'data-status': s.id, class: a === b ? 'same' : 'differs' }, statusChip(s.id), h('span', {}, ` ${a} → ${b}`));
    }),
  );
}

export function compareView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  let route = initial;
  let services: ServicesData['informationServices'] = [];
  const { head, heading } = planningHead('compare', initial, tp('compareTitle'), tp('compareIntro'));
  const toolbar = h('form', { class: 'toolbar planning-toolbar', onsubmit: (ev: Event) => ev.preventDefault() });
  const body = h('div', { class: 'compare-body', id: 'compare', 'data-state': 'loading' });
  root.append(h('div', { class: 'view planning-view' }, head, toolbar, body));
  document.title = `${tp('tabCompare')} – Reguleringsplan`;

  const from = () => route.from ?? todayIso();
  const to = () => route.to ?? defaultTo();

  function renderToolbar(): void {
    clear(toolbar);
    const fromInput = h('input', { type: 'date', id: 'compare-from', value: from() });
    const toInput = h('input', { type: 'date', id: 'compare-to', value: to() });
    fromInput.addEventListener('change', () => {
      if (fromInput.value) update({ from: fromInput.value, sel: undefined });
    });
    toInput.addEventListener('change', () => {
      if (toInput.value) update({ to: toInput.value, sel: undefined });
    });
    const select = h(
      'select',
      { id: 'compare-service' },
      h('option', { value: '' }, tp('compareAllServices')),
      services.map((s) => h('option', { value: s.id, selected: s.id === route.service }, pick(s.name, s.nameEn))),
    );
    select.addEventListener('change', () => update({ service: select.value || undefined, sel: undefined }));
    toolbar.append(
      h('div', { class: 'field inline' }, h('label', { for: 'compare-service' }, tp('compareService')), select),
      h('div', { class: 'field inline' }, h('label', { for: 'compare-from' }, tp('compareFrom')), fromInput),
      h('div', { class: 'field inline' }, h('label', { for: 'compare-to' }, tp('compareTo')), toInput),
      h(
        'div',
        { class: 'button-group', role: 'group', 'aria-label': tp('byYear', { year: '' }).replace(/\s*\?$/, '') },
        [2027, 2030, 2035].map((y) =>
          h('a', { class: 'button', href: formatRoute({ ...route, to: `${y}-12-31`, sel: undefined }) }, tp('byYear', { year: y })),
        ),
      ),
    );
  }

  function showLandscape(data: LandscapeDiffData['landscapeDiff']): void {
    const changed = data.services.filter((s) => s.changedCount > 0);
    heading.textContent = tp('compareTitle');
    body.append(
      h(
        'p',
        { class: 'summary', role: 'status' },
        tp('compareLandscapeSummary', { n: data.changedCount, services: changed.length, from: formatDate(data.from), to: formatDate(data.to) }),
      ),
      h(
        'table',
        { class: 'data-table diff-table' },
        h('caption', { class: 'visually-hidden' }, tp('compareTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [tp('colService'), tp('colChanged'), `${tp('colBefore')} → ${tp('colAfter')}`].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          data.services.map((s) =>
            h(
              'tr',
              { 'data-service': s.service.id, class: s.changedCount > 0 ? 'has-changes' : 'no-changes' },
              h(
                'th',
                { scope: 'row' },
                h(
                  'a',
                  {
                    href: formatRoute({ ...route, service: s.service.id, sel: undefined }),
                    'aria-label': tp('openCompare', { name: pick(s.service.name, s.service.nameEn) }),
                  },
                  pick(s.service.name, s.service.nameEn),
                ),
              ),
              h('td', { class: 'num' }, String(s.changedCount)),
              h('td', {}, counts(s.countsFrom, s.countsTo)),
            ),
          ),
        ),
      ),
    );
  }

  function showService(data: HeatMapDiffData['heatMapDiff']): void {
    const name = pick(data.service.name, data.service.nameEn);
    // The service list may still be on its way: the select names this service meanwhile.
    if (!services.some((s) => s.id === data.service.id)) {
      services = [...services, data.service];
      renderToolbar();
    }
    heading.textContent = tp('compareServiceTitle', { name });
    document.title = `${heading.textContent} – Reguleringsplan`;
    body.append(
      h(
        'p',
        { class: 'summary', role: 'status' },
        data.cells.length === 0
          ? tp('compareNone', { from: formatDate(data.from), to: formatDate(data.to) })
          : tp('compareSummary', { n: data.cells.length, from: formatDate(data.from), to: formatDate(data.to) }),
      ),
      counts(data.countsFrom, data.countsTo),
      h(
        'p',
        {},
        h('a', { href: formatRoute({ view: 'heatmap', service: data.service.id, asOf: data.to, ...langOf(route) }) }, `${name}: ${formatDate(data.to)}`),
      ),
      ...layers().map((l) => {
        const cells = data.cells.filter((c) => c.layer === l.id);
        return h(
          'section',
          { class: 'diff-layer', 'data-layer': l.id },
          h('h2', {}, `${layerLabel(l.id)} (${cells.length})`),
          cells.length === 0
            ? h('p', { class: 'muted' }, '–')
            : h(
                'ul',
                { class: 'diff-cells' },
                cells.map((c) => {
                  const label = c.element ? pick(c.element.name, c.element.nameEn) : c.gap ? pick(c.gap.title, c.gap.titleEn) : '';
                  const id = c.element?.id ?? c.gap?.id ?? '';
                  return h(
                    'li',
                    { class: 'diff-cell', 'data-id': id, 'data-after': c.after ?? 'NONE' },
                    c.element
                      ? h('button', { type: 'button', class: 'link-button diff-name', onclick: () => update({ sel: id }) }, label)
                      : h('span', { class: 'diff-name' }, label),
                    h(
                      'span',
                      { class: 'diff-arrow' },
                      chip(c.before),
                      h('span', { 'aria-hidden': 'true' }, ' → '),
                      h('span', { class: 'visually-hidden' }, ` ${tp('colAfter')}: `),
                      chip(c.after),
                    ),
                    h(
                      'span',
                      { class: 'diff-cause' },
                      tp(`cause${c.cause}` as PlanningKey),
                      c.change ? ` · ${changeLabel(c.change.change)} ${formatDue(c.change.due)}` : '',
                    ),
                  );
                }),
              ),
        );
      }),
    );
  }

  function load(): void {
    const signal = loads.start();
    const started = performance.now();
    clear(body);
    body.dataset.state = 'loading';
    if (to() < from()) {
      body.dataset.state = 'error';
      body.append(h('p', { class: 'state error', role: 'alert' }, tp('compareToBeforeFrom')));
      return;
    }
    body.append(loadingState());
    const request$ = route.service
      ? gql(HEAT_MAP_DIFF, { service: route.service, from: from(), to: to() }, { signal }).then((d) => () => showService(d.heatMapDiff))
      : gql(LANDSCAPE_DIFF, { from: from(), to: to() }, { signal }).then((d) => () => showLandscape(d.landscapeDiff));
    settle(request$, { signal, started, retry: load, into: body }, (draw) => {
      clear(body);
      draw();
      body.dataset.state = 'ready';
    });
  }

  gql(SERVICES).then(
    (d) => {
      services = [...d.informationServices].sort((a, b) => pick(a.name, a.nameEn).localeCompare(pick(b.name, b.nameEn), 'nb'));
      renderToolbar();
    },
    () => undefined,
  );

  const controller = reloadingController({
    setRoute: (next) => {
      route = next;
    },
    keyOf: (next) => `${next.service ?? ''}|${from()}|${to()}`,
    reload: () => {
      renderToolbar();
      load();
    },
    loads,
  });
  controller.update(initial);
  heading.focus({ preventScroll: true });
  return controller;
}
