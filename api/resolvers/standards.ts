/** `standards(…)`: the vendors' view of standards and code systems (one round trip). */
import { heatStatusSchema, kindSchema, layerSchema, normativeLevelSchema } from '../../schema/validation';
import { DEFAULT_STANDARD_KINDS, standardsByLayerCypher } from '../cypher/standards';
import { notFound, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { buildStandards } from '../views/standards';
import { optionalId, optionalList } from './args';
import { asOfArg } from './common';
import { today } from '../model';

export const standardsResolvers: Resolvers = {
  Query: {
    standards: async (_, args, ctx) => {
      const layer = args.layer == null ? null : parseInput(layerSchema, args.layer, ['layer']);
      const kinds = optionalList(kindSchema, args.kinds, ['kinds']) ?? DEFAULT_STANDARD_KINDS;
      const normativeLevels = optionalList(normativeLevelSchema, args.normativeLevels, ['normativeLevels']);
      const statuses = optionalList(heatStatusSchema, args.statuses, ['statuses']);
      const service = optionalId(args.service, ['service']);
      const asOf = asOfArg(args.asOf);
      const [row] = await ctx.db.read(standardsByLayerCypher(kinds), { layer, normativeLevels, statuses, service, asOf, today: today() });
      if (!row || (row.serviceMissing === true && service)) throw notFound('information service', service ?? '');
      const entries = buildStandards(row);
      for (const entry of entries) ctx.loaders.element.prime(entry.element.id, entry.element);
      return entries;
    },
  },
};
