/** The web app: the shell (header, navigation, search, language, sign-in), then one view per route. */
import './styles.css';
import { onAuthChange, restoreSession, signedIn, signOut } from './auth';
import { clear, h } from './dom';
import { openSignIn } from './forms';
import { lang, onLangChange, setLang, t } from './i18n';
import { currentRoute, formatRoute, navigate, onRoute, update, type Route, type View } from './router';
import { errorState, loadingState } from './ui';
import { loadVocabulary } from './vocabulary';
import { heatMapView } from './views/heatmap';
import { landscapeView } from './views/landscape';
import { searchView } from './views/search';
import type { ViewController } from './views/types';
import { vendorsView } from './views/vendors';
import { compareView } from './planning/compare';
import { tp } from './planning/i18n';
import { prioritiesView } from './planning/priorities';
import { rolesView } from './planning/roles';
import { timelineView } from './planning/timeline';

const VIEWS: Record<View, (root: HTMLElement, route: Route) => ViewController> = {
  landscape: landscapeView,
  heatmap: heatMapView,
  vendors: vendorsView,
  search: searchView,
  compare: compareView,
  timeline: timelineView,
  priorities: prioritiesView,
  roles: rolesView,
};
const PLANNING: readonly View[] = ['compare', 'timeline', 'priorities', 'roles'];

const app = document.getElementById('app');
if (!app) throw new Error('no #app');
const main = h('main', { id: 'main', tabindex: '-1' });
const panel = h('aside', { id: 'panel', class: 'panel', hidden: true, 'aria-label': t('detailsLabel') });
const header = h('header', { class: 'topbar' });
const announcer = h('div', { id: 'announcer', class: 'toast hidden', role: 'status', 'aria-live': 'polite' });
clear(app);
app.append(
  h(
    'a',
    {
      class: 'skip-link',
      href: '#main',
      onclick: (ev: Event) => {
        ev.preventDefault();
        main.focus();
      },
    },
    '',
  ),
  header,
  h('div', { class: 'layout' }, main, panel),
  announcer,
);

let current: { view: View; controller: ViewController } | null = null;
let lastService: string | undefined;
let lastHeatRoute: Route | undefined;

function renderHeader(route: Route): void {
  clear(header);
  const skip = app?.querySelector('.skip-link');
  if (skip) skip.textContent = t('skipToContent');
  const navLink = (view: View, label: string, target: Route) =>
    h('a', { href: formatRoute(target), class: 'nav-link', 'aria-current': route.view === view ? 'page' : null }, label);
  const langRoute = (r: Route): Partial<Route> => (r.lang ? { lang: r.lang } : {});
  const search = h('input', { type: 'search', id: 'search', name: 'q', value: route.q ?? '', placeholder: t('searchPlaceholder'), autocomplete: 'off' });
  const user = signedIn();
  header.append(
    h(
      'a',
      { class: 'brand', href: formatRoute({ view: 'landscape', ...langRoute(route) }) },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '▦'),
      h('span', {}, h('strong', {}, t('appTitle')), h('small', {}, t('appSubtitle'))),
    ),
    h(
      'nav',
      { 'aria-label': t('mainNav') },
      navLink('landscape', t('navLandscape'), { view: 'landscape', ...langRoute(route) }),
      navLink(
        'heatmap',
        t('navHeatMap'),
        lastHeatRoute
          ? { ...lastHeatRoute, sel: undefined, ...langRoute(route) }
          : { view: 'heatmap', ...(lastService ? { service: lastService } : {}), ...langRoute(route) },
      ),
      navLink('vendors', t('navVendors'), { view: 'vendors', ...langRoute(route) }),
      h(
        'a',
        { href: formatRoute({ view: 'timeline', ...langRoute(route) }), class: 'nav-link', 'aria-current': PLANNING.includes(route.view) ? 'page' : null },
        tp('navPlanning'),
      ),
    ),
    h(
      'form',
      {
        role: 'search',
        class: 'search',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const q = search.value.trim();
          navigate({ view: 'search', q, ...langRoute(currentRoute()) });
        },
      },
      h('label', { for: 'search', class: 'visually-hidden' }, t('searchLabel')),
      search,
      h('button', { type: 'submit', class: 'button' }, t('searchButton')),
    ),
    h(
      'div',
      { class: 'header-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'lang-toggle',
          lang: lang() === 'en' ? 'nb' : 'en',
          'aria-label': t('switchLanguageLabel'),
          onclick: () => setLang(lang() === 'en' ? 'nb' : 'en'),
        },
        t('switchLanguage'),
      ),
      user
        ? h(
            'span',
            { class: 'user' },
            h('span', { class: 'user-name', id: 'signed-in' }, t('signedInAs', { name: user.name, role: user.role })),
            h('button', { type: 'button', class: 'button', onclick: () => signOut() }, t('signOut')),
          )
        : // On narrower screens "as analyst" is hidden from sight but stays in the button's name.
          h(
            'button',
            { type: 'button', class: 'button', id: 'sign-in', onclick: () => openSignIn() },
            t('signInShort'),
            h('span', { class: 'wide-label' }, t('signInRest')),
          ),
    ),
  );
}

function show(route: Route, force = false): void {
  if (route.lang && route.lang !== lang()) {
    setLang(route.lang); // the language listener shows the route
    return;
  }
  if (route.view === 'heatmap' && route.service) {
    lastService = route.service;
    lastHeatRoute = route;
  }
  renderHeader(route);
  panel.setAttribute('aria-label', t('detailsLabel'));
  if (current && current.view === route.view && !force) {
    current.controller.update(route);
    return;
  }
  current?.controller.destroy();
  clear(main);
  current = { view: route.view, controller: VIEWS[route.view](main, route) };
}

onRoute((route) => {
  if (started) show(route);
});
let started = false;

onLangChange((next) => {
  document.documentElement.lang = next;
  if (!started) return;
  const route = currentRoute();
  // Keep the language in the link only when it differs from the default.
  if ((route.lang ?? 'nb') !== next) update({ lang: next === 'en' ? 'en' : undefined }, true);
  show(currentRoute(), true);
  document.getElementById('lang-toggle')?.focus();
});
onAuthChange(() => renderHeader(currentRoute()));

async function start(): Promise<void> {
  const initial = currentRoute();
  if (initial.lang) setLang(initial.lang);
  document.documentElement.lang = lang();
  renderHeader(initial);
  clear(main);
  main.append(loadingState());
  try {
    await loadVocabulary();
  } catch (e) {
    clear(main);
    main.append(errorState(e, () => void start()));
    return;
  }
  void restoreSession();
  started = true;
  show(currentRoute(), true);
}

void start();
