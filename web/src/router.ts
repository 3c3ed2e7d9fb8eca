/**
 * Deep links: the URL hash holds the view and its state, e.g.
 * `#/varmekart?service=tjeneste-journaldokumenter&asOf=2026-01-01&perspective=p&sel=lov-x&lang=en`.
 */
export type View = 'landscape' | 'heatmap' | 'vendors' | 'search' | PlanningView;
/** The planning views (issue 16): compare two dates, the timeline, what-if prioritisation, norms for a role. */
export type PlanningView = 'compare' | 'timeline' | 'priorities' | 'roles';

export interface Route {
  view: View;
  service?: string;
  asOf?: string;
  perspective?: string;
  /** The selected element (or gap) id, whose side panel is open. */
  sel?: string;
  q?: string;
  layer?: string;
  lang?: 'nb' | 'en';
  /** Planning views: the two dates compared, the timeline's grouping and filters, the role, the scenario. */
  from?: string;
  to?: string;
  group?: string;
  kind?: string;
  status?: string;
  actor?: string;
  process?: string;
  scenario?: string;
  /** Heat map and landscape: the second date whose changes are marked (compare mode). */
  sammenlign?: string;
}

const PATHS: Record<View, string> = {
  landscape: 'landskap',
  heatmap: 'varmekart',
  vendors: 'leverandorer',
  search: 'sok',
  compare: 'sammenlign',
  timeline: 'tidslinje',
  priorities: 'prioritering',
  roles: 'rolle',
};
const KEYS = [
  'service',
  'asOf',
  'perspective',
  'sel',
  'q',
  'layer',
  'lang',
  'from',
  'to',
  'group',
  'kind',
  'status',
  'actor',
  'process',
  'scenario',
  'sammenlign',
] as const;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  // An unknown path shows the landscape, as the empty one does.
  const view = (Object.keys(PATHS) as View[]).find((v) => PATHS[v] === path) ?? 'landscape';
  const params = new URLSearchParams(query);
  const route: Route = { view };
  for (const key of KEYS) {
    const value = params.get(key);
    if (!value) continue;
    if (key === 'lang') route.lang = value === 'en' ? 'en' : 'nb';
    else route[key] = value;
  }
  // A service alone means its heat map.
  if (path === '' && route.service) route.view = 'heatmap';
  return route;
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = route[key];
    if (value && !(key === 'lang' && value === 'nb')) params.set(key, value);
  }
  const query = params.toString();
  return `#/${PATHS[route.view]}${query ? `?${query}` : ''}`;
}

export function currentRoute(): Route {
  return parseRoute(location.hash);
}

/** Go to a route: a new history entry unless `replace`. */
export function navigate(route: Route, replace = false): void {
  const hash = formatRoute(route);
  if (hash === location.hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** Change parts of the current route. */
export function update(patch: Partial<Route>, replace = false): void {
  const next: Route = { ...currentRoute(), ...patch };
  for (const key of Object.keys(patch) as (keyof Route)[]) if (patch[key] === undefined) delete next[key];
  navigate(next, replace);
}

export function onRoute(listener: (route: Route) => void): void {
  window.addEventListener('hashchange', () => listener(currentRoute()));
}
