/**
 * What-if prioritisation: the national measures ranked by the prioritisation sheet's formula,
 * computed in the browser with schema/prioritisation.ts (computeScore, computeRanks) from the
 * API's figures. Weights multiply the formula's three terms; a measure's group scores can be
 * changed; the ranking moves at once and is compared with the official one. An analyst saves
 * the scenario through the API (audited). `#/prioritering[?scenario=scenario-…]`.
 */
import { computeRanks, computeScore, PRIORITISATION_GROUPS } from '../../../schema/prioritisation';
import { gql } from '../api';
import { onAuthChange, signedIn } from '../auth';
import { clear, h } from '../dom';
import { pick, t } from '../i18n';
import { update, type Route } from '../router';
import { announce, loadingState } from '../ui';
import { hidePanel } from '../views/panel';
import type { ViewController } from '../views/types';
import { panelFollower, planningHead, settle } from './common';
import { tp } from './i18n';
import { PRIORITISATION, SAVE_SCENARIO, SCENARIOS, type MeasureData, type PrioritisationData, type ScenarioData } from './queries';
import { latest } from '../latest';

type Group = (typeof PRIORITISATION_GROUPS)[number];
const GROUP_COLOURS = ['#1d4f91', '#b06000', '#2f7d4f'];
const key = (measure: string, criterion: string) => `${measure}\u0000${criterion}`;

/** The measures' scores with a scenario's weights and changed scores: score and rank per measure. */
export function rankWith(
  measures: readonly MeasureData[],
  weights: ReadonlyMap<string, number>,
  overrides: ReadonlyMap<string, number>,
): Map<string, { score: number | null; rank: number | null; parts: number[] }> {
  const out = new Map<string, { score: number | null; rank: number | null; parts: number[] }>();
  const scored = measures.map((m) => {
    const value = (g: Group) => overrides.get(key(m.id, g)) ?? m.scores.find((s) => s.criterion === g)?.value;
    const weighted = PRIORITISATION_GROUPS.map((g) => {
      const v = value(g);
      return v === undefined ? null : { criterion: g, value: v * (weights.get(g) ?? 1) };
    }).filter((x): x is { criterion: Group; value: number } => x !== null);
    // The formula itself stays in schema/prioritisation.ts: weighting scales its terms.
    const score = computeScore(weighted);
    return { id: m.id, computedScore: score, parts: PRIORITISATION_GROUPS.map((g) => weighted.find((w) => w.criterion === g)?.value ?? 0) };
  });
  // Ranked as the API ranks (`computedRank`): only the measures the sheet's overview ranks.
  const ranked = new Set(measures.filter((m) => m.rank !== null).map((m) => m.id));
  const ranks = computeRanks(scored.filter((s) => ranked.has(s.id)));
  for (const s of scored) out.set(s.id, { score: s.computedScore, rank: ranks.get(s.id) ?? null, parts: s.parts });
  return out;
}

export function prioritiesView(root: HTMLElement, initial: Route): ViewController {
  const loads = latest();
  let route = initial;
  let data: PrioritisationData | null = null;
  let scenarios: ScenarioData[] = [];
  const weights = new Map<string, number>();
  const overrides = new Map<string, number>();
  const { head, heading } = planningHead(
    'priorities',
    initial,
    tp('prioritiesTitle'),
    tp('prioritiesIntro', { formula: 'Score = Måloppnåelse + Kostnader + Nytte' }),
  );
  const controls = h('div', { class: 'toolbar planning-toolbar priorities-controls' });
  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'priorities-body', id: 'priorities', 'data-state': 'loading' });
  root.append(h('div', { class: 'view planning-view' }, head, controls, summary, body));
  document.title = `${tp('tabPriorities')} – Reguleringsplan`;
  const rows = new Map<string, HTMLTableRowElement>();
  let tbody: HTMLTableSectionElement | null = null;

  const groupName = (g: string) => {
    const found = data?.prioritisation.groups.find((x) => x.name === g);
    return found ? pick(found.name, found.nameEn) : g;
  };
  const measureName = (m: MeasureData) => pick(m.name, m.nameEn);

  function renderControls(): void {
    clear(controls);
    const scenarioSelect = h(
      'select',
      { id: 'scenario' },
      h('option', { value: '' }, tp('noScenario')),
      scenarios.map((s) => h('option', { value: s.id, selected: s.id === route.scenario }, pick(s.name, s.nameEn))),
    );
    scenarioSelect.addEventListener('change', () => update({ scenario: scenarioSelect.value || undefined }));
    const fieldset = h(
      'fieldset',
      { class: 'weights' },
      h('legend', {}, tp('weights')),
      PRIORITISATION_GROUPS.map((g, i) => {
        const id = `weight-${i}`;
        const input = h('input', {
          type: 'number',
          id,
          min: 0,
          max: 10,
          step: 0.5,
          value: String(weights.get(g) ?? 1),
          class: 'weight-input',
          'data-group': g,
          'aria-label': tp('weightOf', { name: groupName(g) }),
        });
        input.addEventListener('input', () => {
          const v = Number(input.value);
          if (input.value !== '' && Number.isFinite(v) && v >= 0 && v <= 10) {
            weights.set(g, v);
            recompute();
          }
        });
        return h(
          'div',
          { class: 'field inline' },
          h('span', { class: 'swatch', style: `background:${GROUP_COLOURS[i]}`, 'aria-hidden': 'true' }),
          h('label', { for: id }, groupName(g)),
          input,
        );
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'equal-weights',
          onclick: () => {
            weights.clear();
            renderControls();
            recompute();
          },
        },
        tp('equalWeights'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'reset-scores',
          onclick: () => {
            overrides.clear();
            renderTable();
          },
        },
        tp('resetScores'),
      ),
    );
    const nameInput = h('input', { id: 'scenario-name', value: scenarios.find((s) => s.id === route.scenario)?.name ?? '', required: true });
    controls.append(
      fieldset,
      h('div', { class: 'field inline' }, h('label', { for: 'scenario' }, tp('scenario')), scenarioSelect),
      signedIn()
        ? h(
            'form',
            {
              class: 'field inline save-scenario',
              onsubmit: (ev: Event) => {
                ev.preventDefault();
                void save(nameInput.value.trim());
              },
            },
            h('label', { for: 'scenario-name' }, t('fieldName')),
            nameInput,
            h('button', { type: 'submit', class: 'button primary', id: 'save-scenario' }, tp('saveScenario')),
          )
        : h('p', { class: 'muted' }, tp('scenarioSignIn')),
    );
  }

  async function save(name: string): Promise<void> {
    if (!name) return;
    const slug = name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const id = `scenario-${slug || 'uten-navn'}`;
    const existing = scenarios.find((s) => s.id === id);
    const input = {
      id,
      name,
      weights: [...weights].map(([criterion, weight]) => ({ criterion, weight })),
      scores: [...overrides].map(([k, value]) => {
        const [measure = '', criterion = ''] = k.split('\u0000');
        return { measure, criterion, value };
      }),
      version: existing?.version ?? null,
    };
    try {
      const saved = (await gql(SAVE_SCENARIO, { input })).saveScenario;
      scenarios = [...scenarios.filter((s) => s.id !== saved.id), saved];
      announce(tp('scenarioSaved', { name: saved.name }));
      update({ scenario: saved.id });
      renderControls();
    } catch (e) {
      announce(e instanceof Error ? e.message : String(e), 'error');
    }
  }

  function applyScenario(): void {
    weights.clear();
    overrides.clear();
    const s = scenarios.find((x) => x.id === route.scenario);
    if (s) {
      for (const w of s.weights) weights.set(w.criterion, w.weight);
      for (const x of s.scores) overrides.set(key(x.measure, x.criterion), x.value);
    }
  }

  function renderTable(): void {
    if (!data) return;
    clear(body);
    rows.clear();
    tbody = h('tbody', {});
    for (const m of data.measures) {
      const inputs = PRIORITISATION_GROUPS.map((g, i) => {
        const own = m.scores.find((s) => s.criterion === g)?.value;
        const input = h('input', {
          type: 'number',
          min: 0,
          max: 10,
          step: 0.1,
          value: own === undefined ? '' : String(overrides.get(key(m.id, g)) ?? own),
          class: 'score-input',
          'data-group': g,
          'aria-label': tp('scoreOf', { criterion: groupName(g), measure: measureName(m) }),
          style: `border-left: 4px solid ${GROUP_COLOURS[i]}`,
        });
        input.addEventListener('input', () => {
          const v = Number(input.value);
          if (input.value === '' || !Number.isFinite(v) || v < 0 || v > 10) return;
          if (v === own) overrides.delete(key(m.id, g));
          else overrides.set(key(m.id, g), v);
          recompute();
        });
        return h('td', {}, input);
      });
      const row = h(
        'tr',
        { 'data-id': m.id },
        h('td', { class: 'num rank' }),
        h('td', { class: 'num official' }, m.rank === null ? '–' : String(m.rank)),
        h('td', { class: 'move' }),
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => update({ sel: m.id }) }, measureName(m))),
        ...inputs,
        h('td', { class: 'num score' }),
        h('td', { class: 'chart' }),
      );
      rows.set(m.id, row);
      tbody.append(row);
    }
    body.append(
      h(
        'table',
        { class: 'data-table priorities-table' },
        h('caption', { class: 'visually-hidden' }, tp('prioritiesTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [tp('colRank'), tp('colOfficial'), tp('colMove'), tp('colMeasure'), ...PRIORITISATION_GROUPS.map(groupName), tp('colScore'), tp('colChart')].map(
              (c) => h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        tbody,
      ),
    );
    recompute();
  }

  function recompute(): void {
    if (!data || !tbody) return;
    const result = rankWith(data.measures, weights, overrides);
    const max = Math.max(1, ...[...result.values()].map((r) => r.score ?? 0));
    const focused = document.activeElement;
    const ordered = [...data.measures].sort((a, b) => (result.get(a.id)?.rank ?? 999) - (result.get(b.id)?.rank ?? 999) || (a.rank ?? 999) - (b.rank ?? 999));
    for (const m of ordered) {
      const row = rows.get(m.id);
      const r = result.get(m.id);
      if (!row || !r) continue;
      const rankCell = row.querySelector('.rank');
      const moveCell = row.querySelector('.move');
      const scoreCell = row.querySelector('.score');
      const chart = row.querySelector('.chart');
      if (rankCell) rankCell.textContent = r.rank === null ? '–' : String(r.rank);
      if (scoreCell) scoreCell.textContent = r.score === null ? tp('noScore') : r.score.toFixed(1);
      if (moveCell) {
        const d = r.rank !== null && m.rank !== null ? m.rank - r.rank : 0;
        moveCell.textContent = d > 0 ? `▲ ${tp('moveUp', { n: d })}` : d < 0 ? `▼ ${tp('moveDown', { n: -d })}` : tp('moveNone');
        moveCell.className = `move ${d > 0 ? 'up' : d < 0 ? 'down' : 'same'}`;
      }
      if (chart) {
        clear(chart);
        chart.append(
          h(
            'span',
            { class: 'bars', role: 'img', 'aria-label': PRIORITISATION_GROUPS.map((g, i) => `${groupName(g)} ${(r.parts[i] ?? 0).toFixed(1)}`).join(', ') },
            r.parts.map((p, i) =>
              h('span', {
                class: 'bar',
                style: `width:${(p / max) * 100}%;background:${GROUP_COLOURS[i]}`,
                title: `${groupName(PRIORITISATION_GROUPS[i] ?? '')}: ${p.toFixed(1)}`,
              }),
            ),
          ),
        );
      }
      tbody.append(row);
    }
    if (focused instanceof HTMLElement && tbody.contains(focused)) focused.focus();
    const top = (list: MeasureData[]) => list.slice(0, 3).map(measureName).join(', ');
    const official = [...data.measures].filter((m) => m.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    summary.textContent = tp('topThree', { now: top(ordered), official: top(official) });
    body.dataset.state = 'ready';
  }

  function load(): void {
    const signal = loads.start();
    const started = performance.now();
    clear(body);
    body.append(loadingState());
    settle(
      Promise.all([
        gql(PRIORITISATION, {}, { signal }),
        gql(SCENARIOS, {}, { signal }).then(
          (d) => d.scenarios,
          () => [] as ScenarioData[],
        ),
      ]),
      { signal, started, retry: load, into: body },
      ([d, s]) => {
        data = d;
        scenarios = s;
        applyScenario();
        renderControls();
        renderTable();
      },
    );
  }

  const selection = panelFollower();
  const stopAuth = onAuthChange(() => renderControls());
  let lastScenario = initial.scenario;
  const controller: ViewController = {
    update(next) {
      route = next;
      if (next.scenario !== lastScenario) {
        lastScenario = next.scenario;
        applyScenario();
        renderControls();
        renderTable();
      }
      selection(next.sel);
    },
    destroy() {
      loads.stop();
      stopAuth();
      hidePanel();
    },
  };
  renderControls();
  load();
  selection(initial.sel);
  heading.focus({ preventScroll: true });
  return controller;
}
