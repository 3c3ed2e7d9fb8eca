/** The landscape: the work processes, their information services (status counts) and actor types. */
import { gql } from '../api';
import { clear, h } from '../dom';
import { t } from '../i18n';
import { LANDSCAPE, type LandscapeData, type ServiceSummary } from '../queries';
import { formatRoute, update, type Route } from '../router';
import { apiText, errorState, loadingState, onWrite, statusChip, statusCount, todayIso } from '../ui';
import { statuses } from '../vocabulary';
import type { ViewController } from './types';
import { tp } from '../planning/i18n';
import { latest } from '../latest';

function serviceItem(s: ServiceSummary, route: Route): HTMLElement {
  const text = apiText(s.name, s.nameEn);
  const name = typeof text === 'string' ? text : text.textContent ?? '';
  const counts = statuses().map((st) => statusCount(st.id, s.statusCounts.find((c) => c.status === st.id)?.count ?? 0));
  return h('li', { class: 'service' },
    h('a', {
      class: 'service-link',
      href: formatRoute({ view: 'heatmap', service: s.id, ...(route.asOf ? { asOf: route.asOf } : {}), ...(route.lang ? { lang: route.lang } : {}) }),
      'data-service': s.id,
      'aria-label': t('openHeatMap', { name }),
    }, h('span', { class: 'service-name' }, text)),
    h('span', { class: 'counts' }, counts));
}

export function landscapeView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  const body = h('div', { class: 'landscape', id: 'landscape' });
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, t('landscapeTitle'));
  const legend = h('ul', { class: 'landscape-legend', 'aria-label': t('legend') }, statuses().map((s) => h('li', {}, statusChip(s.id))));
  // The counts are as of a date, like the heat maps they open (which keep the date).
  const asOfInput = h('input', { type: 'date', id: 'landscape-asof', value: initial.asOf ?? todayIso() });
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) update({ asOf: asOfInput.value === todayIso() ? undefined : asOfInput.value });
  });
  // How many work processes there are is the map's to say: the sentence names the count once loaded.
  const intro = h('span', { id: 'landscape-intro' }, t('landscapeIntro'));
  root.append(h('div', { class: 'view' },
    h('div', { class: 'view-head' }, heading, h('div', { class: 'toolbar' }, h('div', { class: 'field inline' }, h('label', { for: 'landscape-asof' }, t('asOf')), asOfInput))),
    h('p', { class: 'intro' }, intro, ' ', h('a', { href: formatRoute({ view: 'compare', to: `${new Date().getUTCFullYear() + 1}-12-31`, ...(initial.lang ? { lang: initial.lang } : {}) }), id: 'landscape-compare' }, tp('byYear', { year: new Date().getUTCFullYear() + 1 }))), legend, body));
  document.title = `${t('navLandscape')} – ${t('appTitle')}`;

  function load(route: Route): void {
    const signal = loads.start();
    clear(body);
    body.append(loadingState());
    body.dataset.state = 'loading';
    gql<LandscapeData>(LANDSCAPE, { asOf: route.asOf ?? null }, { signal }).then(
      (data) => {
        if (signal.aborted) return;
        clear(body);
        body.dataset.state = 'ready';
        intro.textContent = t('landscapeIntroCount', { count: data.workProcesses.length });
        body.append(h('ol', { class: 'processes' }, data.workProcesses.map((p, i) => h('li', { class: 'process', 'data-process': p.id },
          h('h2', {}, h('span', { class: 'step', 'aria-hidden': 'true' }, String(i + 1)), apiText(p.name, p.nameEn)),
          h('h3', { class: 'visually-hidden' }, t('services')),
          p.informationServices.length
            ? h('ul', { class: 'services' }, p.informationServices.map((s) => serviceItem(s, route)))
            : h('p', { class: 'muted' }, t('noServices')),
          p.actorTypes.length
            ? h('div', { class: 'actors' }, h('h3', {}, t('actorTypes')), h('ul', { class: 'tags' }, p.actorTypes.map((a) => h('li', { class: 'tag' }, apiText(a.name, a.nameEn)))))
            : null))));
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
  let current = initial;
  load(initial);
  const stopWrites = onWrite(() => load(current));
  heading.focus({ preventScroll: true });
  return {
    update(route) {
      current = route;
      if (route.asOf !== lastAsOf) {
        lastAsOf = route.asOf;
        asOfInput.value = route.asOf ?? todayIso();
        load(route);
      }
    },
    destroy() {
      loads.stop();
      stopWrites();
    },
  };
}
