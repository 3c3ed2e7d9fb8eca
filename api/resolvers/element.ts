/** `element(id)` and the Element type's fields, plus the types hanging off it. */
import { parseIdentifier } from '../../schema/identifiers';
import { formatPartialDate, precisionOf } from '../../schema/dates';
import { RELATIONSHIPS } from '../../schema/metamodel';
import { computeScore } from '../../schema/prioritisation';
import { idSchema, isPublicRef } from '../../schema/validation';
import { ELEMENT_BY_ID } from '../cypher/element';
import { notFound, parseInput } from '../errors';
import type { Resolvers, RelationshipType } from '../generated/graphql';
import {
  toElementRecord,
  toEventRecord,
  toGapRecord,
  toPlannedChangeRecord,
  toRelationshipRecord,
  type ElementRecord,
  type RelationshipRecord,
} from '../model';
import type { Context } from '../context';
import { asOfArg, labelIn, nameIn, toSources } from './common';

/** One type and direction of an element's relationships; the label is the field resolver's. */
export interface RelationshipGroupRecord {
  type: RelationshipType;
  direction: 'OUTGOING' | 'INCOMING';
  relationships: RelationshipRecord[];
}

/** Group relationships by type and direction, in metamodel order. */
export function groupRelationships(rels: RelationshipRecord[]): RelationshipGroupRecord[] {
  const order = Object.keys(RELATIONSHIPS);
  const groups = new Map<string, RelationshipGroupRecord>();
  for (const r of rels) {
    const key = `${r.type}|${r.direction}`;
    const group = groups.get(key) ?? { type: r.type, direction: r.direction, relationships: [] };
    group.relationships.push(r);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.direction.localeCompare(b.direction));
}

async function loadElement(ctx: Context, id: string): Promise<ElementRecord> {
  const element = await ctx.loaders.element.load(id);
  if (!element) throw notFound('element', id);
  return element;
}

export const elementResolvers: Resolvers = {
  Query: {
    element: async (_, args, ctx) => {
      const id = parseInput(idSchema, args.id, ['id']);
      const [row] = await ctx.db.read(ELEMENT_BY_ID, { id, asOf: asOfArg(args.asOf) });
      if (!row) throw notFound('element', id);
      const element = toElementRecord(row.element);
      // Prime the loaders so the nested fields are answered from this one query.
      ctx.loaders.element.prime(id, element);
      const rels = row.relationships.map(toRelationshipRecord);
      ctx.loaders.relationships.prime(id, rels);
      for (const r of rels) ctx.loaders.element.prime(r.other.id, r.other);
      ctx.loaders.changes.prime(id, row.changes.map(toPlannedChangeRecord));
      ctx.loaders.gaps.prime(id, row.gaps.map(toGapRecord));
      ctx.loaders.events.prime(id, row.events.map(toEventRecord));
      return element;
    },
  },
  Element: {
    label: (e, args) => nameIn(e, args.lang),
    // Null for an element not in force (expired, withdrawn): it has no heat-map status.
    status: (e) => e.status ?? null,
    identifiers: (e) => e.identifiers.map(parseIdentifier),
    sources: (e) => toSources(e.sources),
    lifecycleSources: (e) => toSources(e.lifecycleSources),
    normativeLevelSources: (e) => toSources(e.normativeLevelSources),
    hasPublicSources: (e) => [...e.sources, ...e.lifecycleSources, ...e.normativeLevelSources].some(isPublicRef),
    citationExceptions: (e) => e.citationExceptions.map((x) => ({ source: toSources([x.source])[0]!, reason: x.reason })),
    computedScore: (e) => (e.kind === 'MEASURE' ? computeScore(e.scores) : null),
    computedRank: (e) => e.computedRank ?? null,
    events: (e, _, ctx) => ctx.loaders.events.load(e.id),
    relationships: async (e, _, ctx) => groupRelationships(await ctx.loaders.relationships.load(e.id)),
    plannedChanges: (e, _, ctx) => ctx.loaders.changes.load(e.id),
    gaps: (e, _, ctx) => ctx.loaders.gaps.load(e.id),
  },
  RelationshipGroup: {
    label: (g, args) => {
      const def = RELATIONSHIPS[g.type];
      return labelIn(g.direction === 'INCOMING' ? def.inverse : def, args.lang);
    },
  },
  Relationship: {
    sources: (r) => toSources(r.sources),
  },
  PlannedChange: {
    element: (c, _, ctx) => loadElement(ctx, c.element),
    measure: (c, _, ctx) => (c.measure ? loadElement(ctx, c.measure) : null),
    replacement: (c, _, ctx) => (c.replacement ? loadElement(ctx, c.replacement) : null),
    sources: (c) => toSources(c.sources),
    duePrecision: (c) => (c.due ? precisionOf(c.due) : null),
    dueLabel: (c, args) => (c.due ? formatPartialDate(c.due, args.lang === 'EN' ? 'en' : 'nb') : args.lang === 'EN' ? 'no date given' : 'ingen dato oppgitt'),
  },
  Event: {
    datePrecision: (v) => precisionOf(v.date),
    dateLabel: (v, args) => formatPartialDate(v.date, args.lang === 'EN' ? 'en' : 'nb'),
    label: (v, args) => (args.lang === 'EN' ? (v.titleEn ?? v.title) : v.title),
    elements: async (v, _, ctx) => (await ctx.loaders.element.loadMany(v.elements)).filter((x): x is ElementRecord => x !== null && !(x instanceof Error)),
    sources: (v) => toSources(v.sources),
  },
  Gap: {
    service: (g, _, ctx) => loadElement(ctx, g.service),
    sources: (g) => toSources(g.sources),
  },
};
