/** The landscape: the work processes, their information services (status counts) and actor types. */
import { gql } from '../api';
import { append, clear, h } from '../dom';
import { formatDate, t } from '../i18n';
import { LANDSCAPE, type LandscapeData, type ServiceSummary } from '../queries';
import { LANDSCAPE_COMPARE, type LandscapeDiffData } from '../planning/queries';
import { defaultTo } from '../planning/compare';
import { changeIcon } from '../status-icons';
import { formatRoute, update, type Route } from '../router';
import { apiText, errorState, loadingState, onWrite, statusChip, statusCount, todayIso } from '../ui';
import { statuses } from '../vocabulary';
import type { ViewController } from './types';
import { tp } from '../planning/i18n';
import { latest } from '../latest';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A service's entry; in compare mode one whose cells change is outlined and says how many. */
function serviceItem(s: ServiceSummary, route: Route, changed: number | null): HTMLElement {
  const text = apiText(s.name, s.nameEn);
  const name = typeof text === 'string' ? text : (text.textContent ?? '');
  const counts = statuses().map((st) => statusCount(st.id, s.statusCounts.find((c) => c.status === st.id)?.count ?? 0));
  return h(
    'li',
    { class: changed ? 'service changed' : 'service', ...(changed !== null ? { 'data-changed': String(changed) } : {}) },
    h(
      'a',
      {
        class: 'service-link',
        // The heat map keeps the dates: the same comparison, cell by cell.
        href: formatRoute({
          view: 'heatmap',
          service: s.id,
          ...(route.asOf ? { asOf: route.asOf } : {}),
          ...(route.sammenlign ? { sammenlign: route.sammenlign } : {}),
          ...(route.lang ? { lang: route.lang } : {}),
        }),
        'data-service': s.id,
        'aria-label': t('openHeatMap', { name }),
      },
      h('span', { class: 'service-name' }, text),
    ),
    changed
      ? h(
          'span',
          { class: 'service-change', title: t('compareServiceChangedLabel', { n: changed }) },
          h('img', { src: changeIcon(), alt: '', width: 16, height: 16 }),
          h('span', { 'aria-hidden': 'true' }, t('compareServiceChanged', { n: changed })),
          h('span', { class: 'visually-hidden' }, t('compareServiceChangedLabel', { n: changed })),
        )
      : null,
    h('span', { class: 'counts' }, counts),
  );
}

declare global {
  interface Window {
    /** For tests: how long the landscape took from its request to drawn (ms). */
    landscapeRenderMs?: number;
  }
}

export function landscapeView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  const body = h('div', { class: 'landscape', id: 'landscape' });
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, t('landscapeTitle'));
  const legend = h(
    'ul',
    { class: 'landscape-legend', 'aria-label': t('legend') },
    statuses().map((s) => h('li', {}, statusChip(s.id))),
  );
  // The counts are as of a date, like the heat maps they open (which keep the date).
  const asOfInput = h('input', { type: 'date', id: 'landscape-asof', value: initial.asOf ?? todayIso() });
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) update({ asOf: asOfInput.value === todayIso() ? undefined : asOfInput.value });
  });
  // Compare mode: "what changes by 2027" on the landscape itself, the second date in the route.
  const compareOn = h('input', { type: 'checkbox', id: 'compare-toggle', checked: initial.sammenlign !== undefined });
  compareOn.addEventListener('change', () => update({ sammenlign: compareOn.checked ? defaultTo() : undefined }));
  const compareDate = h('input', {
    type: 'date',
    id: 'compare-date',
    value: initial.sammenlign ?? '',
    'aria-label': t('compareDate'),
    hidden: initial.sammenlign === undefined,
  });
  compareDate.addEventListener('change', () => {
    if (compareDate.value) update({ sammenlign: compareDate.value });
  });
  const compareBox = h('section', { class: 'compare-box', id: 'compare-box', 'aria-labelledby': 'compare-box-title', hidden: true });
  // How many work processes there are is the map's to say: the sentence names the count once loaded.
  const intro = h('span', { id: 'landscape-intro' }, t('landscapeIntro'));
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
          h('div', { class: 'field inline' }, h('label', { for: 'landscape-asof' }, t('asOf')), asOfInput),
          h('div', { class: 'field inline compare-field' }, compareOn, h('label', { for: 'compare-toggle' }, t('compareWithDate')), compareDate),
        ),
      ),
      h(
        'p',
        { class: 'intro' },
        intro,
        ' ',
        h(
          'a',
          {
            href: formatRoute({ view: 'compare', to: `${new Date().getUTCFullYear() + 1}-12-31`, ...(initial.lang ? { lang: initial.lang } : {}) }),
            id: 'landscape-compare',
          },
          tp('byYear', { year: new Date().getUTCFullYear() + 1 }),
        ),
      ),
      legend,
      compareBox,
      body,
    ),
  );

  function renderCompareBox(route: Route, diff: LandscapeDiffData['landscapeDiff'] | null): void {
    clear(compareBox);
    compareBox.hidden = route.sammenlign === undefined;
    if (route.sammenlign === undefined) return;
    const title = h('h2', { id: 'compare-box-title', class: 'visually-hidden' }, t('compareWithDate'));
    if (!diff) {
      append(compareBox, [title, h('p', { class: 'compare-summary', role: 'status' }, t('compareSameDate'))]);
      return;
    }
    const services = diff.services.filter((s) => s.changedCount > 0).length;
    append(compareBox, [
      title,
      h(
        'p',
        { class: 'compare-summary', role: 'status', 'data-changed': String(diff.changedCount) },
        tp('compareLandscapeSummary', { n: diff.changedCount, services, from: formatDate(diff.from), to: formatDate(diff.to) }),
      ),
      h(
        'a',
        { id: 'compare-all', href: formatRoute({ view: 'compare', from: diff.from, to: diff.to, ...(route.lang ? { lang: route.lang } : {}) }) },
        t('compareAllChanges'),
      ),
    ]);
  }
  document.title = `${t('navLandscape')} – ${t('appTitle')}`;

  function load(route: Route): void {
    const signal = loads.start();
    clear(body);
    body.append(loadingState());
    body.dataset.state = 'loading';
    // Compare mode: the diff in the same request as the landscape (one more root field, one Cypher query).
    const asOf = route.asOf ?? todayIso();
    const other = route.sammenlign && ISO_DATE.test(route.sammenlign) && route.sammenlign !== asOf ? route.sammenlign : null;
    const request$: Promise<LandscapeData & Partial<LandscapeDiffData>> = other
      ? gql(LANDSCAPE_COMPARE, { asOf: route.asOf ?? null, from: other < asOf ? other : asOf, to: other < asOf ? asOf : other }, { signal })
      : gql(LANDSCAPE, { asOf: route.asOf ?? null }, { signal });
    const started = performance.now();
    request$.then(
      (data) => {
        if (signal.aborted) return;
        clear(body);
        const diff = data.landscapeDiff ?? null;
        const changedOf = (id: string): number | null => (diff ? (diff.services.find((s) => s.service.id === id)?.changedCount ?? 0) : null);
        renderCompareBox(route, diff);
        intro.textContent = t('landscapeIntroCount', { count: data.workProcesses.length });
        body.append(
          h(
            'ol',
            { class: 'processes' },
            data.workProcesses.map((p, i) =>
              h(
                'li',
                { class: 'process', 'data-process': p.id },
                h('h2', {}, h('span', { class: 'step', 'aria-hidden': 'true' }, String(i + 1)), apiText(p.name, p.nameEn)),
                h('h3', { class: 'visually-hidden' }, t('services')),
                p.informationServices.length
                  ? h(
                      'ul',
                      { class: 'services' },
                      p.informationServices.map((s) => serviceItem(s, route, changedOf(s.id))),
                    )
                  : h('p', { class: 'muted' }, t('noServices')),
                p.actorTypes.length
                  ? h(
                      'div',
                      { class: 'actors' },
                      h('h3', {}, t('actorTypes')),
                      h(
                        'ul',
                        { class: 'tags' },
                        p.actorTypes.map((a) => h('li', { class: 'tag' }, apiText(a.name, a.nameEn))),
                      ),
                    )
                  : null,
              ),
            ),
          ),
        );
        body.dataset.state = 'ready';
        window.landscapeRenderMs = performance.now() - started;
      },
      (e: unknown) => {
        if (signal.aborted) return;
        clear(body);
        body.dataset.state = 'error';
        body.append(errorState(e, () => load(route)));
      },
    );
  }

  let lastAsOf: string | undefined = initial.asOf;
  let lastCompare: string | undefined = initial.sammenlign;
  let current = initial;
  load(initial);
  const stopWrites = onWrite(() => load(current));
  heading.focus({ preventScroll: true });
  return {
    update(route) {
      current = route;
      if (route.asOf !== lastAsOf || route.sammenlign !== lastCompare) {
        lastAsOf = route.asOf;
        lastCompare = route.sammenlign;
        asOfInput.value = route.asOf ?? todayIso();
        compareOn.checked = route.sammenlign !== undefined;
        compareDate.hidden = route.sammenlign === undefined;
        compareDate.value = route.sammenlign ?? '';
        load(route);
      }
    },
    destroy() {
      loads.stop();
      stopWrites();
    },
  };
}
