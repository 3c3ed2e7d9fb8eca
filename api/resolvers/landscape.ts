/**
 * `workProcesses`, `informationServices` and `actorTypes`: the landscape, read in one round trip
 * per request and date (the three fields share it), and the fields of its types.
 */
import { LANDSCAPE } from '../cypher/landscape';
import type { Context } from '../context';
import type { Resolvers } from '../generated/graphql';
import { buildLandscape, type LandscapeRecord } from '../views/landscape';
import { asOfArg, nameIn, toSources } from './common';

/** One landscape per request and date, however many of the three fields a query asks for. */
const landscapes = new WeakMap<object, Map<string, Promise<LandscapeRecord>>>();

function landscape(ctx: Context, asOf: string): Promise<LandscapeRecord> {
  const byDate = landscapes.get(ctx.roundTrips) ?? new Map<string, Promise<LandscapeRecord>>();
  landscapes.set(ctx.roundTrips, byDate);
  let answer = byDate.get(asOf);
  if (!answer) {
    answer = ctx.db.read(LANDSCAPE, { asOf }, ctx.roundTrips).then(([row]) => buildLandscape(row ?? {}));
    byDate.set(asOf, answer);
  }
  return answer;
}

export const landscapeResolvers: Resolvers = {
  Query: {
    workProcesses: async (_, args, ctx) => (await landscape(ctx, asOfArg(args.asOf))).workProcesses,
    informationServices: async (_, args, ctx) => (await landscape(ctx, asOfArg(args.asOf))).informationServices,
    actorTypes: async (_, __, ctx) => (await landscape(ctx, asOfArg(null))).actorTypes,
  },
  WorkProcess: {
    label: (w, args) => nameIn(w, args.lang),
    sources: (w) => toSources(w.sources),
  },
  ActorType: {
    label: (a, args) => nameIn(a, args.lang),
    sources: (a) => toSources(a.sources),
  },
};
