/** Pieces the planning views share: the tabs between them, dates, the language kept in links. */
import { clear, h } from '../dom';
import { errorState } from '../ui';
import { hidePanel, showElement } from '../views/panel';
import { formatRoute, update, type PlanningView, type Route } from '../router';
import type { Latest } from '../latest';
import type { ViewController } from '../views/types';
import { tp, type PlanningKey } from './i18n';

export { todayIso } from '../ui';

/** The route's language, to keep in links. */
export const langOf = (r: Route): Partial<Route> => (r.lang ? { lang: r.lang } : {});

const TABS: [PlanningView, PlanningKey][] = [
  ['timeline', 'tabTimeline'],
  ['compare', 'tabCompare'],
  ['priorities', 'tabPriorities'],
  ['roles', 'tabRoles'],
];

/** Links between the four planning views (the header has one "Planning" entry). */
export function planningTabs(current: PlanningView, route: Route): HTMLElement {
  return h(
    'nav',
    { class: 'planning-tabs', 'aria-label': tp('planningNav') },
    h(
      'ul',
      {},
      TABS.map(([view, key]) =>
        h(
          'li',
          {},
          h('a', { href: formatRoute({ view, ...langOf(route) }), class: 'planning-tab', 'aria-current': view === current ? 'page' : null }, tp(key)),
        ),
      ),
    ),
  );
}

/** The head of a planning view: tabs, the title (focused on arrival) and an introduction. */
export function planningHead(current: PlanningView, route: Route, title: string, intro: string): { head: HTMLElement; heading: HTMLHeadingElement } {
  const heading = h('h1', { id: 'view-title', tabindex: '-1' }, title);
  return { head: h('div', { class: 'planning-head' }, planningTabs(current, route), heading, h('p', { class: 'intro' }, intro)), heading };
}

/** The side panel follows the route's `sel`: opened when it changes to an element, hidden when it goes. */
export function panelFollower(): (sel: string | undefined) => void {
  let last: string | undefined;
  return (sel) => {
    if (sel === last) return;
    last = sel;
    if (sel) showElement(sel, { onClose: () => update({ sel: undefined }), onOpen: (id) => update({ sel: id }) });
    else hidePanel();
  };
}

/**
 * The controller of a planning view that loads again only when `keyOf(route)` changes (the dates,
 * the service, the role…) and otherwise just follows the selected element; leaving the view
 * cancels its load and closes the panel.
 */
export function reloadingController(options: { setRoute(route: Route): void; keyOf(route: Route): string; reload(): void; loads: Latest }): ViewController {
  const selection = panelFollower();
  let loadKey: string | null = null;
  return {
    update(next) {
      options.setRoute(next);
      const key = options.keyOf(next);
      if (key !== loadKey) {
        loadKey = key;
        options.reload();
      }
      selection(next.sel);
    },
    destroy() {
      options.loads.stop();
      hidePanel();
    },
  };
}

/**
 * Settles a planning view's load: `draw` with the answer, then the render time the e2e tests read;
 * or the error state with a retry in `into`. Nothing happens for a load a newer one superseded.
 */
export function settle<T>(
  request: Promise<T>,
  load: { signal: AbortSignal; started: number; retry: () => void; into: HTMLElement },
  draw: (value: T) => void,
): void {
  request.then(
    (value) => {
      if (load.signal.aborted) return;
      draw(value);
      window.planningRenderMs = performance.now() - load.started;
    },
    (e: unknown) => {
      if (load.signal.aborted) return;
      clear(load.into);
      load.into.dataset.state = 'error';
      load.into.append(errorState(e, load.retry));
    },
  );
}
