/**
 * The roadmap: `gaps`, `plannedChanges` and `measures` (in rank order), and the saved
 * `perspectives`. One round trip each; the elements they refer to are primed into the loaders.
 */
import { z } from 'zod';
import { computeRanks, computeScore, PRIORITISATION } from '../../schema/prioritisation';
import { idSchema, isoDateSchema, layerSchema } from '../../schema/validation';
import { EVENTS } from '../cypher/element';
import { GAPS, MEASURES_IN_RANK_ORDER, PLANNED_CHANGES } from '../cypher/roadmap';
import { PERSPECTIVE_BY_ID, PERSPECTIVES } from '../cypher/perspectives';
import { notFound, parseInput, badInput } from '../errors';
import type { Context } from '../context';
import type { Resolvers } from '../generated/graphql';
import { type Raw, toElementRecord, toEventRecord, toGapRecord, toPlannedChangeRecord, today } from '../model';
import { toPerspectiveRecord } from '../views/heat-map';
import { optionalId } from './args';
import { nameIn, toSources } from './common';

const flag = z.boolean();

/** An element the row carries (null when the row has none, e.g. a change with no measure). */
function prime(ctx: Context, raw: Raw | null): void {
  if (raw) {
    const element = toElementRecord(raw);
    ctx.loaders.element.prime(element.id, element);
  }
}

function optionalDate(value: string | null | undefined, path: string): string | null {
  return value == null ? null : parseInput(isoDateSchema, value, [path]);
}

export const roadmapResolvers: Resolvers = {
  Query: {
    gaps: async (_, args, ctx) => {
      const service = optionalId(args.service, ['service']);
      const layer = args.layer == null ? null : parseInput(layerSchema, args.layer, ['layer']);
      const includeResolved = parseInput(flag, args.includeResolved ?? false, ['includeResolved']);
      const [row] = await ctx.db.read(GAPS, { service, layer, includeResolved, asOf: today() });
      if (!row || (row.serviceMissing === true && service)) throw notFound('information service', service ?? '');
      return row.gaps.map((g) => {
        prime(ctx, g.service);
        return toGapRecord(g.gap);
      });
    },
    plannedChanges: async (_, args, ctx) => {
      const from = optionalDate(args.from, 'from');
      const to = optionalDate(args.to, 'to');
      if (from && to && to < from) throw badInput('to', 'is before from');
      const includeCompleted = parseInput(flag, args.includeCompleted ?? false, ['includeCompleted']);
      const rows = await ctx.db.read(PLANNED_CHANGES, { from, to, includeCompleted, asOf: today() });
      return rows.map((row) => {
        prime(ctx, row.element);
        prime(ctx, row.measure);
        prime(ctx, row.replacement);
        return toPlannedChangeRecord(row.change);
      });
    },
    measures: async (_, __, ctx) => {
      const rows = await ctx.db.read(MEASURES_IN_RANK_ORDER, { asOf: today() });
      const measures = rows.map((row) => toElementRecord(row.element));
      // Ranked among the measures the sheet's overview ranks (001:12-34); the detail sheets score a few more it leaves unranked.
      const ranks = computeRanks(measures.filter((m) => m.rank !== null).map((m) => ({ id: m.id, computedScore: computeScore(m.scores) })));
      for (const m of measures) {
        const rank = ranks.get(m.id);
        if (rank !== undefined) m.computedRank = rank;
        ctx.loaders.element.prime(m.id, m);
      }
      return measures;
    },
    prioritisation: () => ({
      formula: PRIORITISATION.formula,
      sources: toSources(PRIORITISATION.sources),
      groups: [...PRIORITISATION.groups],
      criteria: [...PRIORITISATION.criteria],
    }),
    events: async (_, args, ctx) => {
      const from = optionalDate(args.from, 'from');
      const to = optionalDate(args.to, 'to');
      if (from && to && to < from) throw badInput('to', 'is before from');
      const element = optionalId(args.element, ['element']);
      const happened = args.happened == null ? null : parseInput(flag, args.happened, ['happened']);
      const [row] = await ctx.db.read(EVENTS, { from, to, element, happened });
      if (!row || (row.elementMissing === true && element)) throw notFound('element', element ?? '');
      return row.events.map(toEventRecord);
    },
    perspectives: async (_, __, ctx) => {
      const rows = await ctx.db.read(PERSPECTIVES, {});
      return rows.map((row) => toPerspectiveRecord(row.perspective));
    },
    perspective: async (_, args, ctx) => {
      const id = parseInput(idSchema, args.id, ['id']);
      const [row] = await ctx.db.read(PERSPECTIVE_BY_ID, { id });
      if (!row) throw notFound('perspective', id);
      return toPerspectiveRecord(row.perspective);
    },
  },
  PrioritisationCriterion: {
    label: (c, args) => nameIn(c, args.lang),
    group: (c) => c.group ?? null,
    scale: (c) => c.scale ?? null,
    sources: (c) => toSources(c.sources),
  },
};
