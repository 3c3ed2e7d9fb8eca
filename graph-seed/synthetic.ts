/**
 * Synthetic maps for benchmarks: the real map's shape at any size. Deterministic for a given
 * seed. Ids carry "-syn-" and every element a note saying it is synthetic, so such data is never
 * mistaken for the real map.
 *
 * Shape, per N elements: about N/1000 work processes (at least 7), N/25 information services,
 * N/2000 actor types, N/200 actors, national solutions with components and stores, N/500 measures,
 * and the rest norms spread over every norm kind and its layers. A norm applies to two to six
 * services, popular services more often, so a heat map holds about 90 cells on average and a few
 * hundred on the busiest service (the real Journaldokumenter has 43): the map grows by more
 * services, not by ever larger heat maps. Norms build on other norms, standards use standards,
 * regulators regulate solutions and actor types, actors manage norms and measures address them,
 * which gives about ten relationships per element.
 */
import { KINDS, kindsIn, LAYER_IDS, NORM_KINDS, type Kind, type KindGroup, type Layer } from '../schema/metamodel';
import type { ChangeInput, ElementInput, GapInput, RelationshipInput } from '../schema/validation';
import { emptyMap, type GraphMap } from '../schema/map';

export interface SyntheticOptions {
  elements: number;
  /** PRNG seed; the same seed gives the same map. */
  seed?: number;
}

const SOURCE = '003_bc528292a39bd4db.txt:2300-3214';
const NOTE = 'Syntetisk element for ytelsestesting (npm run seed:synthetic), ikke del av det reelle kartet.';

/**
 * Each norm kind's share of the norms, by its metamodel group (standards and codes dominate, as
 * in the reference catalogue); systems are generated apart, as what the norms regulate.
 */
const GROUP_WEIGHT: Partial<Record<KindGroup, number>> = { regulation: 4.4, governance: 2, standard: 10.8, interactionForm: 3 };
const NORM_MIX: readonly [Kind, number][] = NORM_KINDS.flatMap((k): [Kind, number][] => {
  const weight = GROUP_WEIGHT[KINDS[k].group];
  return weight === undefined ? [] : [[k, weight]];
});
const STANDARD_KINDS: ReadonlySet<Kind> = new Set(kindsIn('standard'));
const REGULATOR_KINDS: ReadonlySet<Kind> = new Set(kindsIn('regulation'));
const NORM_WEIGHT = NORM_MIX.reduce((s, [, w]) => s + w, 0);
const LIFECYCLE_MIX = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'INTRODUCING', 'TRIAL', 'PHASING_OUT', 'PROPOSED'] as const;
const LEVELS = ['NOT_NORMATIVE', 'GUIDE', 'GUIDELINE', 'RECOMMENDED', 'MANDATORY'] as const;

/** mulberry32: small, fast and good enough to spread synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a streamed synthetic map goes: each element and relationship once, as generated. */
export interface SyntheticSink {
  element(e: ElementInput): void;
  relationship(r: RelationshipInput): void;
}

/**
 * The synthetic map, streamed: elements and relationships go to `sink` as they are made, so a map
 * of a million elements and ten million relationships never sits in memory (the bulk importer
 * writes them straight to CSV). Gaps and planned changes, a few per hundred elements, come back.
 */
export function streamSyntheticMap(options: SyntheticOptions, sink: SyntheticSink): Pick<GraphMap, 'gaps' | 'changes'> {
  const random = prng(options.seed ?? 42);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  /** Popularity skew: low indices are chosen more often; the most popular about 5× the average. */
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * random() ** 1.3));

  const total = Math.max(100, options.elements);
  let count = 0;
  const seq = new Map<Kind, number>();
  const add = (kind: Kind, layers: Layer[], extra: Partial<ElementInput> = {}): string => {
    const n = (seq.get(kind) ?? 0) + 1;
    seq.set(kind, n);
    const id = `${KINDS[kind].idPrefix}-syn-${String(n).padStart(6, '0')}`;
    count += 1;
    sink.element({
      id,
      kind,
      layers,
      name: `${KINDS[kind].nb} ${n}`,
      nameEn: `${KINDS[kind].en} ${n}`,
      description: `Syntetisk ${KINDS[kind].nb.toLowerCase()} nummer ${n}.`,
      lifecycle: 'ACTIVE',
      identifiers: [],
      aliases: [],
      sources: [SOURCE],
      lifecycleSources: [],
      normativeLevelSources: [],
      citationExceptions: [],
      notes: [NOTE],
      scores: [],
      ...extra,
    });
    return id;
  };
  // Random picks may repeat a relationship. Every relationship of one step (one element's) names
  // that element, so repeats are removed per step, keeping the last, as a map lists each once.
  let step: RelationshipInput[] = [];
  const rel = (r: RelationshipInput) => step.push(r);
  const same = (a: RelationshipInput, b: RelationshipInput) => a.to === b.to && a.from === b.from && a.type === b.type && (a.layer ?? '') === (b.layer ?? '');
  const endStep = () => {
    // A step holds a handful of relationships: comparing them pairwise is cheaper than a key
    // string per relationship, ten million times at 1M.
    for (let i = 0; i < step.length; i++) {
      const r = step[i]!;
      let later = false;
      for (let j = i + 1; j < step.length && !later; j++) later = same(r, step[j]!);
      if (!later) sink.relationship(r);
    }
    step = [];
  };

  const processes = Array.from({ length: Math.max(7, Math.round(total / 1000)) }, () => add('WORK_PROCESS', ['ORGANISATIONAL']));
  const services = Array.from({ length: Math.max(20, Math.round(total / 25)) }, () => add('INFORMATION_SERVICE', ['ORGANISATIONAL', 'SEMANTIC']));
  const actorTypes = Array.from({ length: Math.max(5, Math.round(total / 2000)) }, () => add('ACTOR_TYPE', ['ORGANISATIONAL']));
  services.forEach((s, i) => {
    rel({ from: s, type: 'PART_OF', to: processes[i % processes.length]!, sources: [] });
    endStep();
  });
  for (const a of actorTypes) {
    for (let k = 0; k < 3; k++) rel({ from: a, type: 'PERFORMS', to: pick(processes), sources: [] });
    endStep();
  }

  const solutions = Array.from({ length: Math.max(3, Math.round(total / 200)) }, () => add('NATIONAL_SOLUTION', ['TECHNICAL']));
  const components: string[] = [];
  for (const s of solutions) {
    for (let k = 0; k < 5; k++) rel({ from: s, type: 'REALIZES', to: services[skewed(services.length)]!, sources: [] });
    endStep();
    for (let k = 0; k < 2; k++) {
      const c = add('INTEROPERABILITY_COMPONENT', ['TECHNICAL']);
      components.push(c);
      rel({ from: c, type: 'PART_OF', to: s, sources: [] });
      rel({ from: c, type: 'REALIZES', to: services[skewed(services.length)]!, sources: [] });
      endStep();
    }
    const store = add('INFORMATION_STORE', ['TECHNICAL']);
    rel({ from: store, type: 'PART_OF', to: s, sources: [] });
    endStep();
  }
  const actors = Array.from({ length: Math.max(5, Math.round(total / 200)) }, () => add('ACTOR', ['ORGANISATIONAL']));
  for (const a of actors) {
    rel({ from: a, type: 'PART_OF', to: pick(actorTypes), sources: [] });
    endStep();
  }
  const systems = [...solutions, ...components];
  const measures = Array.from({ length: Math.max(3, Math.round(total / 500)) }, (_, i) =>
    add('MEASURE', ['ORGANISATIONAL'], { rank: i + 1, score: Math.round((100 - (i * 90) / Math.max(1, total / 500)) * 10) / 10 }),
  );

  const norms: string[] = [];
  const standards: string[] = [];
  while (count < total) {
    let w = random() * NORM_WEIGHT;
    const kind = NORM_MIX.find(([, weight]) => (w -= weight) < 0)?.[0] ?? 'TECHNICAL_STANDARD';
    const possible = [...KINDS[kind].layers];
    const layers = possible.length > 1 && random() < 0.2 ? possible.slice(0, 2) : [pick(possible)];
    const lifecycle = pick(LIFECYCLE_MIX);
    const id = add(kind, layers, {
      lifecycle,
      ...(KINDS[kind].layers.some((l) => l === 'SEMANTIC' || l === 'TECHNICAL') ? { normativeLevel: pick(LEVELS) } : {}),
      identifiers: random() < 0.3 ? [`URL:https://example.org/syn/${seq.get(kind)}`] : [],
    });
    norms.push(id);
    const targets = new Set<string>();
    const degree = 2 + int(5);
    while (targets.size < degree) targets.add(services[skewed(services.length)]!);
    for (const s of targets) rel({ from: id, type: 'APPLIES_TO', to: s, layer: pick(layers), sources: [] });
    for (let k = norms.length > 1 ? 1 + int(4) : 0; k > 0; k--) rel({ from: id, type: 'BASED_ON', to: norms[int(norms.length - 1)]!, sources: [] });
    if (STANDARD_KINDS.has(kind)) {
      standards.push(id);
      for (let k = standards.length > 1 ? 1 + int(3) : 0; k > 0; k--) rel({ from: id, type: 'USES', to: standards[int(standards.length - 1)]!, sources: [] });
    }
    if (REGULATOR_KINDS.has(kind)) {
      for (let k = 0; k < 2; k++) rel({ from: id, type: 'REGULATES', to: pick(systems), sources: [] });
      rel({ from: id, type: 'REGULATES', to: pick(actorTypes), sources: [] });
    }
    rel({ from: pick(actors), type: 'RESPONSIBLE_FOR', to: id, sources: [] });
    if (random() < 0.5) rel({ from: pick(measures), type: 'ADDRESSES', to: id, sources: [] });
    endStep();
  }

  const changes: ChangeInput[] = [];
  norms.forEach((id, i) => {
    if (i % 20 !== 0) return;
    const year = 2025 + (i % 5);
    changes.push({
      id: `change-syn-${String(i).padStart(6, '0')}`,
      element: id,
      change: i % 40 === 0 ? 'PHASE_OUT' : 'REVISE',
      due: `${year}-0${1 + (i % 9)}-15`,
      description: 'Syntetisk planlagt endring.',
      measure: measures[i % measures.length]!,
      sources: [],
    });
  });
  const gaps: GapInput[] = services
    .filter((_, i) => i % 2 === 0)
    .map((s, i) => ({
      id: `gap-syn-${String(i).padStart(6, '0')}`,
      service: s,
      layer: LAYER_IDS[i % LAYER_IDS.length]!,
      title: `Udekket behov ${i}`,
      description: 'Syntetisk udekket behov.',
      sources: [],
    }));
  return { gaps, changes };
}

/** The synthetic map whole, in memory (up to about 100 000 elements; larger ones stream). */
export function generateSyntheticMap(options: SyntheticOptions): GraphMap {
  const map = emptyMap();
  const { gaps, changes } = streamSyntheticMap(options, {
    element: (e) => map.elements.push(e),
    relationship: (r) => map.relationships.push(r),
  });
  map.gaps = gaps;
  map.changes = changes;
  return map;
}
