/** Search results (the search box lives in the header): each hit opens its element, a service its heat map. */
import { gql } from '../api';
import { clear, h } from '../dom';
import { t } from '../i18n';
import { SEARCH } from '../queries';
import { currentRoute, update, type Route } from '../router';
import { apiText, errorState, loadingState, onWrite, statusChip } from '../ui';
import { kindLabel } from '../vocabulary';
import { hidePanel, showElement } from './panel';
import type { ViewController } from './types';
import { latest } from '../latest';

export function searchView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  let lastQ: string | undefined;
  let lastSel: string | undefined;
  const heading = h('h1', { id: 'view-title', tabindex: '-1' });
  const body = h('div', { class: 'search-results', id: 'search-results' });
  root.append(h('div', { class: 'view' }, h('div', { class: 'view-head' }, heading), body));

  function load(q: string): void {
    const signal = loads.start();
    heading.textContent = t('searchResults', { q });
    document.title = `${heading.textContent} – ${t('appTitle')}`;
    clear(body);
    if (q.trim().length < 2) {
      body.append(h('p', { class: 'state' }, t('searchPrompt')));
      return;
    }
    body.append(loadingState());
    gql(SEARCH, { text: q }, { signal }).then(
      (data) => {
        if (signal.aborted) return;
        clear(body);
        if (data.search.length === 0) {
          body.append(h('p', { class: 'state' }, t('searchNone', { q })));
          return;
        }
        body.append(
          h(
            'ul',
            { class: 'hits' },
            data.search.map(({ element: e }) =>
              h(
                'li',
                { class: 'hit' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button hit-title',
                    'data-id': e.id,
                    onclick: () =>
                      e.kind === 'INFORMATION_SERVICE' ? update({ view: 'heatmap', service: e.id, sel: undefined, q: undefined }) : update({ sel: e.id }),
                  },
                  apiText(e.name, e.nameEn),
                ),
                h('span', { class: 'muted' }, ` · ${kindLabel(e.kind)} · `),
                statusChip(e.status),
                apiText(e.description.slice(0, 240), e.descriptionEn?.slice(0, 240), 'p', { class: 'hit-description' }),
              ),
            ),
          ),
        );
      },
      (e: unknown) => {
        if (signal.aborted) return;
        clear(body);
        body.append(errorState(e, () => load(q)));
      },
    );
  }

  const stopWrites = onWrite(() => {
    lastSel = undefined;
    controller.update(currentRoute());
  });

  const controller: ViewController = {
    update(route) {
      if (route.q !== lastQ) {
        lastQ = route.q;
        load(route.q ?? '');
      }
      if (route.sel === lastSel) return;
      lastSel = route.sel;
      if (route.sel) showElement(route.sel, { onClose: () => update({ sel: undefined }), onOpen: (id) => update({ sel: id }) });
      else hidePanel();
    },
    destroy() {
      loads.stop();
      stopWrites();
      hidePanel();
    },
  };
  controller.update(initial);
  heading.focus({ preventScroll: true });
  return controller;
}
