/** The side panel: one element (names nb/en, kind, identifiers, level, status and why, neighbourhood and impact, changes, sources) or one gap. */
import { gql } from '../api';
import { onAuthChange, signedIn } from '../auth';
import { clear, h } from '../dom';
import { openPlanChange } from '../forms';
import { formatDate, formatDue, lang, pick, t } from '../i18n';
import { ELEMENT, type ElementData, type GapData, type HeatMapCellData, type PlannedChangeData, type SourceData } from '../queries';
import { apiText, errorState, loadingState, statusChip, todayIso } from '../ui';
import { changeLabel, kindLabel, layerLabel, levelLabel, lifecycleLabel, relationshipLabel } from '../vocabulary';
import { destroyNeighbourhood, neighbourhoodSection } from './neighbourhood';
import { latest } from '../latest';

export interface PanelOptions {
  /** The heat-map cell the element was opened from: adds "why" and the cell's status. */
  cell?: HeatMapCellData;
  /** The name of the heat map's service, for "why". */
  serviceName?: string;
  onClose: () => void;
  /** Open another element (a relationship's other end). */
  onOpen?: (id: string) => void;
  /** The screen's one date: status, neighbourhood and impact are all as of it (default today). */
  asOf?: string;
}

let aside: HTMLElement | null = null;
let closeCurrent: (() => void) | null = null;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The element the panel is loading: a newer panel (or closing it) cancels it. */
const loads = latest();
/** The element on show, to draw again when the analyst signs in or out (the panel's actions change). */
let shown: { id: string; options: PanelOptions } | null = null;

function panel(): HTMLElement {
  if (!aside) {
    aside = document.getElementById('panel');
    if (!aside) throw new Error('no #panel');
    onAuthChange(() => {
      if (shown && aside && !aside.hidden) showElement(shown.id, shown.options);
    });
    aside.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && closeCurrent && !(ev.target instanceof HTMLInputElement)) {
        ev.preventDefault();
        closeCurrent();
      }
    });
  }
  return aside;
}

function dl(rows: [string, Node | string | null][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function sourcesList(sources: SourceData[]): HTMLElement {
  return h(
    'ul',
    { class: 'sources' },
    sources.map((s) =>
      s.origin === 'PUBLIC'
        ? h(
            'li',
            { 'data-ref': s.ref, class: 'public-source' },
            h('span', { class: 'muted' }, `${t('publicSource')}: `),
            h('a', { href: s.url ?? s.ref, target: '_blank', rel: 'noopener noreferrer' }, s.url ?? s.ref),
          )
        : h('li', { 'data-ref': s.ref }, h('code', {}, s.document ?? ''), ' ', t('lines', { from: s.fromLine ?? 0, to: s.toLine ?? 0 })),
    ),
  );
}

/** A change is overdue on `asOf` when its period has ended and it is not completed. */
export function isOverdue(c: Pick<PlannedChangeData, 'completedAt' | 'dueBy'>, asOf: string): boolean {
  return c.completedAt == null && c.dueBy != null && c.dueBy < asOf;
}

function changesList(changes: PlannedChangeData[], asOf: string): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'muted' }, t('noPlannedChanges'));
  return h(
    'ul',
    { class: 'changes' },
    changes.map((c) =>
      h(
        'li',
        { 'data-change': c.id },
        h('strong', {}, changeLabel(c.change)),
        ` (${t('due', { date: formatDue(c.due) })}${c.dueText ? ` – «${c.dueText}»` : ''})`,
        isOverdue(c, asOf) ? [' ', h('span', { class: 'overdue' }, t('overdue'))] : null,
        ': ',
        h('span', { lang: 'nb' }, c.description),
        c.replacement ? [' → ', pick(c.replacement.name, c.replacement.nameEn)] : null,
        c.measure ? h('span', { class: 'muted' }, ` · ${pick(c.measure.name, c.measure.nameEn)}`) : null,
      ),
    ),
  );
}

function frame(title: string | Node, subtitle: string, onClose: () => void, body: (Node | null)[], asOf?: string): void {
  const root = panel();
  destroyNeighbourhood();
  clear(root);
  closeCurrent = onClose;
  root.hidden = false;
  document.body.classList.add('panel-open');
  const closeButton = h('button', { type: 'button', class: 'icon-button close', 'aria-label': t('close'), title: t('close'), onclick: () => onClose() }, '×');
  root.append(
    h(
      'div',
      { class: 'panel-head' },
      h(
        'div',
        {},
        h('p', { class: 'eyebrow' }, subtitle),
        h('h2', { id: 'panel-title', tabindex: '-1' }, title),
        asOf ? h('p', { class: 'panel-date', id: 'panel-date' }, t('statusAsOf', { date: formatDate(asOf) })) : null,
      ),
      closeButton,
    ),
    ...body.filter((n): n is Node => n != null),
  );
  root.setAttribute('aria-labelledby', 'panel-title');
}

export function hidePanel(): void {
  loads.stop();
  shown = null;
  closeCurrent = null;
  destroyNeighbourhood();
  const root = panel();
  root.hidden = true;
  clear(root);
  document.body.classList.remove('panel-open');
}

function focusTitle(): void {
  document.getElementById('panel-title')?.focus();
}

export function showGap(gap: GapData, serviceName: string, onClose: () => void): void {
  loads.stop();
  shown = null;
  frame(apiText(gap.title, gap.titleEn), t('gap'), onClose, [
    dl([
      [t('status'), statusChip('UNMET_NEED')],
      [t('layers'), layerLabel(gap.layer)],
      [t('services'), serviceName],
      [t('identifiedAt'), formatDate(gap.identifiedAt)],
    ]),
    h('h3', {}, t('description')),
    h('p', { lang: 'nb' }, gap.description),
    gap.sources.length ? h('h3', {}, t('sources')) : null,
    gap.sources.length ? sourcesList(gap.sources) : null,
  ]);
  focusTitle();
}

export function showElement(id: string, options: PanelOptions): void {
  const signal = loads.start();
  shown = { id, options };
  const asOf = options.asOf ?? todayIso();
  frame(options.cell ? pick(options.cell.element.name, options.cell.element.nameEn) : id, t('elementPanel'), options.onClose, [loadingState()], asOf);
  const load = () => {
    gql(ELEMENT, { id, asOf }, { signal }).then(
      (data) => {
        if (!signal.aborted) renderElement(data, options);
      },
      (e: unknown) => {
        if (!signal.aborted) frame(id, t('elementPanel'), options.onClose, [errorState(e, load)], asOf);
      },
    );
  };
  load();
}

function renderElement(data: ElementData, options: PanelOptions): void {
  const el = data.element;
  const other = lang() === 'en' ? el.name : el.nameEn;
  const cell = options.cell;
  const asOf = options.asOf ?? todayIso();
  // The element as read now, at the screen's date: after a write the cell the panel was opened
  // from may be older than the element (issue 17).
  const status = el.status;
  const level = cell?.normativeLevel ?? el.normativeLevel;
  const why = cell
    ? h(
        'div',
        { class: 'why' },
        h(
          'p',
          {},
          capitalise(t('whyText', { rel: relationshipLabel(cell.why.relationship), service: options.serviceName ?? '', layer: layerLabel(cell.why.layer) })),
        ),
        cell.why.note ? h('p', { class: 'muted', lang: 'nb' }, cell.why.note) : null,
        cell.why.sources.length ? sourcesList(cell.why.sources) : null,
      )
    : null;
  const changes = el.plannedChanges;
  const identifiers = el.identifiers.length
    ? h(
        'ul',
        { class: 'identifiers' },
        el.identifiers.map((i) =>
          h(
            'li',
            {},
            h('span', { class: 'muted' }, `${i.scheme} `),
            i.url ? h('a', { href: i.url, target: '_blank', rel: 'noopener noreferrer' }, i.value) : h('code', {}, i.value),
          ),
        ),
      )
    : null;
  const planButton = signedIn()
    ? h('button', { type: 'button', class: 'button', id: 'plan-change', onclick: () => openPlanChange(el.id, pick(el.name, el.nameEn)) }, t('planChange'))
    : null;
  const relationships = el.relationships.length
    ? h(
        'details',
        { class: 'relationships' },
        h('summary', {}, `${t('relationships')} (${el.relationships.reduce((n, g) => n + g.relationships.length, 0)})`),
        el.relationships.map((g) =>
          h(
            'div',
            {},
            h('h4', {}, g[lang()]),
            h(
              'ul',
              {},
              g.relationships.map((r) =>
                h(
                  'li',
                  {},
                  options.onOpen
                    ? h('button', { type: 'button', class: 'link-button', onclick: () => options.onOpen?.(r.other.id) }, pick(r.other.name, r.other.nameEn))
                    : pick(r.other.name, r.other.nameEn),
                  h('span', { class: 'muted' }, ` · ${kindLabel(r.other.kind)}`),
                ),
              ),
            ),
          ),
        ),
      )
    : null;
  const neighbourhood = neighbourhoodSection(el, data.impact.dependents, options.onOpen);
  frame(
    apiText(el.name, el.nameEn, 'span'),
    kindLabel(el.kind),
    options.onClose,
    [
      other && other !== pick(el.name, el.nameEn) ? h('p', { class: 'other-name', lang: lang() === 'en' ? 'nb' : 'en' }, other) : null,
      dl([
        [t('kind'), kindLabel(el.kind)],
        [t('status'), statusChip(status)],
        [t('normativeLevel'), level ? levelLabel(level) : t('notRecorded')],
        [t('lifecycle'), lifecycleLabel(el.lifecycle)],
        [t('layers'), el.layers.map(layerLabel).join(', ')],
      ]),
      el.aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'muted' }, `${t('aliases')}: `), el.aliases.join(', ')) : null,
      apiText(el.description, el.descriptionEn, 'p', { class: 'description' }) as HTMLElement,
      why ? h('h3', {}, t('why')) : null,
      why,
      neighbourhood.section,
      identifiers ? h('h3', {}, t('identifiers')) : null,
      identifiers,
      h('h3', {}, t('plannedChanges')),
      changesList(changes, asOf),
      planButton,
      el.events.length ? h('h3', {}, t('events')) : null,
      el.events.length
        ? h(
            'ul',
            { class: 'events' },
            el.events.map((ev) =>
              h('li', {}, h('strong', {}, formatDue(ev.date)), ev.happened ? ' ' : ` (${t('eventPlanned')}) `, apiText(ev.title, ev.titleEn)),
            ),
          )
        : null,
      el.sources.length ? h('h3', {}, t('sources')) : null,
      el.sources.length ? sourcesList(el.sources) : null,
      el.lifecycleSources.length ? h('h4', {}, `${t('lifecycleFrom')}`) : null,
      el.lifecycleSources.length ? sourcesList(el.lifecycleSources) : null,
      el.normativeLevelSources.length ? h('h4', {}, `${t('levelFrom')}`) : null,
      el.normativeLevelSources.length ? sourcesList(el.normativeLevelSources) : null,
      el.notes.length ? h('h3', {}, t('notes')) : null,
      el.notes.length
        ? h(
            'ul',
            { lang: 'nb' },
            el.notes.map((n) => h('li', {}, n)),
          )
        : null,
      relationships,
    ],
    asOf,
  );
  panel().dataset.element = el.id;
  neighbourhood.start();
  focusTitle();
}
