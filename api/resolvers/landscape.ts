/**
 * `workProcesses`, `informationServices` and `actorTypes`: the landscape, read in one round trip
 * per request and date (the three fields share it through the request's landscape loader), and
 * the fields of its types.
 */
import type { Context } from '../context';
import type { Resolvers } from '../generated/graphql';
import type { LandscapeRecord } from '../views/landscape';
import { asOfArg, nameIn, toSources } from './common';

const landscape = (ctx: Context, asOf: string): Promise<LandscapeRecord> => ctx.loaders.landscape.load(asOf);

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
