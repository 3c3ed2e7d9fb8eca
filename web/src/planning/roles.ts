/**
 * Norms for my role: pick an actor type (or a work process) and a date, see the norms that apply
 * through the information services it uses, per layer, with normative level, status and upcoming
 * changes ("what must primary-care health personnel's systems support by 2027?").
 * `#/rolle?actor=…|process=…[&asOf=…]`.
 */
import { gql } from '../api';
import { clear, h } from '../dom';
import { formatDate, formatDue, pick, t } from '../i18n';
import { update, type Route } from '../router';
import { loadingState, statusChip } from '../ui';
import { changeLabel, kindLabel, layerLabel, levelLabel } from '../vocabulary';
import { planningHead, reloadingController, settle, todayIso } from './common';
import { tp } from './i18n';
import { NORMS_FOR, ROLES, type RoleNormsData, type RolesData } from './queries';
import { latest } from '../latest';
import type { ViewController } from '../views/types';

export function rolesView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  let route = initial;
  let roles: RolesData = { actorTypes: [], workProcesses: [] };
  const { head, heading } = planningHead('roles', initial, tp('rolesTitle'), tp('rolesIntro'));
  const toolbar = h('form', { class: 'toolbar planning-toolbar', onsubmit: (ev: Event) => ev.preventDefault() });
  const body = h('div', { class: 'roles-body', id: 'roles', 'data-state': 'empty' });
  root.append(h('div', { class: 'view planning-view' }, head, toolbar, body));
  document.title = `${tp('tabRoles')} – Reguleringsplan`;

  function renderToolbar(): void {
    clear(toolbar);
    const byName = (a: { name: string; nameEn: string }, b: { name: string; nameEn: string }) =>
      pick(a.name, a.nameEn).localeCompare(pick(b.name, b.nameEn), 'nb');
    const actor = h(
      'select',
      { id: 'role-actor' },
      h('option', { value: '' }, tp('chooseActor')),
      [...roles.actorTypes].sort(byName).map((a) => h('option', { value: a.id, selected: a.id === route.actor }, pick(a.name, a.nameEn))),
    );
    actor.addEventListener('change', () => update({ actor: actor.value || undefined, process: undefined, sel: undefined }));
    const process = h(
      'select',
      { id: 'role-process' },
      h('option', { value: '' }, tp('chooseActor')),
      [...roles.workProcesses].sort(byName).map((w) => h('option', { value: w.id, selected: w.id === route.process }, pick(w.name, w.nameEn))),
    );
    process.addEventListener('change', () => update({ process: process.value || undefined, actor: undefined, sel: undefined }));
    const asOf = h('input', { type: 'date', id: 'role-asof', value: route.asOf ?? todayIso() });
    asOf.addEventListener('change', () => {
      if (asOf.value) update({ asOf: asOf.value === todayIso() ? undefined : asOf.value });
    });
    toolbar.append(
      h('div', { class: 'field inline' }, h('label', { for: 'role-actor' }, tp('actorType')), actor),
      h('div', { class: 'field inline' }, h('label', { for: 'role-process' }, tp('workProcess')), process),
      h('div', { class: 'field inline' }, h('label', { for: 'role-asof' }, t('asOf')), asOf),
    );
  }

  function show(d: RoleNormsData['normsFor']): void {
    const who = d.actorType ? pick(d.actorType.name, d.actorType.nameEn) : d.workProcess ? pick(d.workProcess.name, d.workProcess.nameEn) : '';
    heading.textContent = `${tp('rolesTitle')}: ${who}`;
    const serviceName = new Map(d.services.map((s) => [s.id, pick(s.name, s.nameEn)]));
    body.append(
      h('p', { class: 'summary', role: 'status' }, tp('rolesSummary', { n: d.totalCount, name: who, date: formatDate(d.asOf), services: d.services.length })),
      ...d.layers.map((l) =>
        h(
          'section',
          { class: 'role-layer', 'data-layer': l.layer },
          h('h2', {}, `${layerLabel(l.layer)} (${l.norms.length})`),
          l.norms.length === 0
            ? h('p', { class: 'muted' }, tp('noNorms'))
            : h(
                'table',
                { class: 'data-table role-table' },
                h('caption', { class: 'visually-hidden' }, layerLabel(l.layer)),
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    [t('colName'), t('colKind'), t('colLevel'), t('colStatus'), tp('colThrough'), t('colChanges')].map((c) => h('th', { scope: 'col' }, c)),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  l.norms.map((n) =>
                    h(
                      'tr',
                      { 'data-id': n.element.id },
                      h(
                        'th',
                        { scope: 'row' },
                        h(
                          'button',
                          { type: 'button', class: 'link-button', onclick: () => update({ sel: n.element.id }) },
                          pick(n.element.name, n.element.nameEn),
                        ),
                        n.regulatesActorType ? h('span', { class: 'tag names-actor' }, tp('namesActor')) : null,
                      ),
                      h('td', {}, kindLabel(n.element.kind)),
                      h('td', {}, n.normativeLevel ? levelLabel(n.normativeLevel) : '–'),
                      h('td', {}, statusChip(n.status)),
                      h('td', {}, n.services.map((s) => serviceName.get(s) ?? s).join(', ')),
                      h(
                        'td',
                        {},
                        n.plannedChanges.length === 0
                          ? '–'
                          : h(
                              'ul',
                              { class: 'plain' },
                              n.plannedChanges.map((c) => {
                                const due = c.dueBy !== null && c.dueBy <= d.asOf;
                                return h(
                                  'li',
                                  { class: due ? 'due-by-date' : null },
                                  `${changeLabel(c.change)} ${formatDue(c.due)}`,
                                  due ? ` (${tp('dueBy')})` : '',
                                );
                              }),
                            ),
                      ),
                    ),
                  ),
                ),
              ),
        ),
      ),
    );
  }

  function load(): void {
    const signal = loads.start();
    const started = performance.now();
    clear(body);
    if (!route.actor && !route.process) {
      heading.textContent = tp('rolesTitle');
      body.dataset.state = 'empty';
      body.append(h('p', { class: 'state' }, tp('rolesChoose')));
      return;
    }
    body.dataset.state = 'loading';
    body.append(loadingState());
    settle(
      gql(NORMS_FOR, { actorType: route.actor ?? null, workProcess: route.actor ? null : (route.process ?? null), asOf: route.asOf ?? null }, { signal }),
      { signal, started, retry: load, into: body },
      (d) => {
        clear(body);
        show(d.normsFor);
        body.dataset.state = 'ready';
      },
    );
  }

  gql(ROLES).then(
    (d) => {
      roles = d;
      renderToolbar();
    },
    () => undefined,
  );

  const controller = reloadingController({
    setRoute: (next) => {
      route = next;
    },
    keyOf: (next) => `${next.actor ?? ''}|${next.process ?? ''}|${next.asOf ?? ''}`,
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
