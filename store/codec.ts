/**
 * The storage codec, written once: how each record of the map (element, relationship, gap,
 * planned change, event, perspective) is stored as Neo4j properties, and how it is read back in
 * the seed files' shape. write-map, read-map and the API's writes and records all go through it.
 */
import { endOfPeriod, startOfPeriod } from '../schema/dates';
import type { Kind, RelationshipType } from '../schema/metamodel';
import type { ChangeInput, ElementInput, EventInput, GapInput, PerspectiveInput, RelationshipInput, ScenarioInput } from '../schema/validation';

/** The node properties of an element as stored (lists stay lists; measures' scores split in two). */
export function elementProperties(e: ElementInput): Record<string, unknown> {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    nameEn: e.nameEn,
    description: e.description,
    descriptionEn: e.descriptionEn ?? null,
    layers: e.layers,
    lifecycle: e.lifecycle,
    normativeLevel: e.normativeLevel ?? null,
    statusDate: e.statusDate ?? null,
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
    identifiers: e.identifiers,
    // Searchable without the scheme prefix, so "LOV-2014-06-20-42" or "XDS" finds the element.
    identifierText: e.identifiers.map((i) => i.slice(i.indexOf(':') + 1)).join(' '),
    aliases: e.aliases,
    aliasText: e.aliases.join(' | '),
    sources: e.sources,
    lifecycleSources: e.lifecycleSources,
    normativeLevelSources: e.normativeLevelSources,
    // Neo4j properties hold lists of scalars, so the exceptions are stored as two parallel lists.
    citationExceptionSources: e.citationExceptions.map((x) => x.source),
    citationExceptionReasons: e.citationExceptions.map((x) => x.reason),
    notes: e.notes,
    rank: e.rank ?? null,
    score: e.score ?? null,
    scoreCriteria: e.scores.map((s) => s.criterion),
    scoreValues: e.scores.map((s) => s.value),
  };
}

export function relationshipProperties(r: RelationshipInput): Record<string, unknown> {
  return {
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    sources: r.sources,
    note: r.note ?? null,
    citationException: r.citationException ?? null,
  };
}

export function gapProperties(g: GapInput): Record<string, unknown> {
  return {
    id: g.id,
    layer: g.layer,
    title: g.title,
    titleEn: g.titleEn ?? null,
    description: g.description,
    identifiedAt: g.identifiedAt ?? null,
    resolvedAt: g.resolvedAt ?? null,
    sources: g.sources,
    citationException: g.citationException ?? null,
  };
}

export function changeProperties(c: ChangeInput): Record<string, unknown> {
  return {
    id: c.id,
    change: c.change,
    // As precise as the source; `dueBy` (the period's last day) is what date comparisons use.
    due: c.due ?? null,
    dueBy: c.due ? endOfPeriod(c.due) : null,
    dueText: c.dueText ?? null,
    description: c.description,
    completedAt: c.completedAt ?? null,
    sources: c.sources,
    citationException: c.citationException ?? null,
  };
}

export function eventProperties(e: EventInput): Record<string, unknown> {
  return {
    id: e.id,
    date: e.date,
    dateFrom: startOfPeriod(e.date),
    dateBy: endOfPeriod(e.date),
    dateText: e.dateText ?? null,
    happened: e.happened,
    title: e.title,
    titleEn: e.titleEn ?? null,
    description: e.description ?? null,
    sources: e.sources,
    citationException: e.citationException ?? null,
  };
}

export function perspectiveProperties(p: PerspectiveInput): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn ?? null,
    description: p.description ?? null,
    layers: p.layers,
    kinds: p.kinds,
    actorTypes: p.actorTypes,
    services: p.services,
    statuses: p.statuses,
    layout: p.layout,
  };
}

/** Properties of a node or relationship, or a row of a query, as the driver returns them. */
export type Props = Record<string, unknown>;

/** Optional fields are left out when unset, exactly as a hand-written seed file would. */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function elementFromProperties(p: Props): ElementInput {
  const criteria = strings(p.scoreCriteria);
  const values = Array.isArray(p.scoreValues) ? p.scoreValues.map(Number) : [];
  return {
    id: String(p.id),
    kind: p.kind as Kind,
    name: String(p.name),
    nameEn: String(p.nameEn ?? p.name),
    layers: strings(p.layers) as ElementInput['layers'],
    description: text(p.description),
    ...optional('descriptionEn', p.descriptionEn as string | null),
    lifecycle: (p.lifecycle ?? 'ACTIVE') as ElementInput['lifecycle'],
    ...optional('normativeLevel', p.normativeLevel as ElementInput['normativeLevel'] | null),
    ...optional('statusDate', p.statusDate as string | null),
    ...optional('validFrom', p.validFrom as string | null),
    ...optional('validTo', p.validTo as string | null),
    identifiers: strings(p.identifiers),
    aliases: strings(p.aliases),
    sources: strings(p.sources),
    lifecycleSources: strings(p.lifecycleSources),
    normativeLevelSources: strings(p.normativeLevelSources),
    citationExceptions: strings(p.citationExceptionSources).map((source, i) => ({ source, reason: strings(p.citationExceptionReasons)[i] ?? '' })),
    notes: strings(p.notes),
    ...optional('rank', p.rank as number | null),
    ...optional('score', p.score as number | null),
    scores: criteria.map((criterion, i) => ({ criterion, value: values[i] ?? 0 })),
  };
}

export function relationshipFromProperties(from: unknown, type: unknown, to: unknown, r: Props): RelationshipInput {
  return {
    from: String(from),
    type: type as RelationshipType,
    to: String(to),
    ...optional('layer', r.layer as RelationshipInput['layer'] | null),
    ...optional('validFrom', r.validFrom as string | null),
    ...optional('validTo', r.validTo as string | null),
    sources: strings(r.sources),
    ...optional('note', r.note as string | null),
    ...optional('citationException', r.citationException as string | null),
  };
}

export function gapFromProperties(g: Props, service: unknown): GapInput {
  return {
    id: String(g.id),
    service: String(service),
    layer: g.layer as GapInput['layer'],
    title: String(g.title),
    ...optional('titleEn', g.titleEn as string | null),
    description: text(g.description),
    ...optional('identifiedAt', g.identifiedAt as string | null),
    ...optional('resolvedAt', g.resolvedAt as string | null),
    sources: strings(g.sources),
    ...optional('citationException', g.citationException as string | null),
  };
}

/** A planned change from its properties and the ids it points to (its element, measure, replacement). */
export function changeFromProperties(c: Props, refs: { element: unknown; measure?: unknown; replacement?: unknown }): ChangeInput {
  return {
    id: String(c.id),
    element: String(refs.element),
    change: c.change as ChangeInput['change'],
    ...optional('due', c.due as string | null),
    ...optional('dueText', c.dueText as string | null),
    description: text(c.description),
    ...optional('measure', refs.measure as string | null | undefined),
    ...optional('replacement', refs.replacement as string | null | undefined),
    ...optional('completedAt', c.completedAt as string | null),
    sources: strings(c.sources),
    ...optional('citationException', c.citationException as string | null),
  };
}

export function eventFromProperties(v: Props, elements: unknown): EventInput {
  return {
    id: String(v.id),
    date: String(v.date),
    ...optional('dateText', v.dateText as string | null),
    happened: v.happened === true,
    title: String(v.title),
    ...optional('titleEn', v.titleEn as string | null),
    ...optional('description', v.description as string | null),
    elements: strings(elements).sort(),
    sources: strings(v.sources),
    ...optional('citationException', v.citationException as string | null),
  };
}

export function perspectiveFromProperties(p: Props): PerspectiveInput {
  return {
    id: String(p.id),
    name: String(p.name),
    ...optional('nameEn', p.nameEn as string | null),
    ...optional('description', p.description as string | null),
    layers: strings(p.layers) as PerspectiveInput['layers'],
    kinds: strings(p.kinds) as PerspectiveInput['kinds'],
    actorTypes: strings(p.actorTypes),
    services: strings(p.services),
    statuses: strings(p.statuses) as PerspectiveInput['statuses'],
    layout: strings(p.layout),
  };
}

/**
 * A what-if scenario (:Scenario): Neo4j stores no lists of maps, so weights and scores are kept
 * as parallel lists, index by index.
 */
export function scenarioProperties(s: ScenarioInput): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    nameEn: s.nameEn ?? null,
    description: s.description ?? null,
    weightCriteria: s.weights.map((w) => w.criterion),
    weightValues: s.weights.map((w) => w.weight),
    scoreMeasures: s.scores.map((x) => x.measure),
    scoreCriteria: s.scores.map((x) => x.criterion),
    scoreValues: s.scores.map((x) => x.value),
  };
}

export function scenarioFromProperties(p: Props): ScenarioInput {
  const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);
  const weightValues = numbers(p.weightValues);
  const scoreCriteria = strings(p.scoreCriteria);
  const scoreValues = numbers(p.scoreValues);
  return {
    id: String(p.id),
    name: String(p.name),
    ...optional('nameEn', p.nameEn as string | null),
    ...optional('description', p.description as string | null),
    weights: strings(p.weightCriteria).map((criterion, i) => ({ criterion, weight: weightValues[i] ?? 1 })) as ScenarioInput['weights'],
    scores: strings(p.scoreMeasures).map((measure, i) => ({ measure, criterion: scoreCriteria[i] ?? '', value: scoreValues[i] ?? 0 })),
  };
}
