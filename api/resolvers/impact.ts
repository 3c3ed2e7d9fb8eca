/** `impact(element, depth)`: what depends on an element, with the paths (one round trip). */
import { idSchema } from '../../schema/validation';
import { IMPACT_OF_ELEMENT, MAX_IMPACT_DEPTH } from '../cypher/impact';
import { notFound, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { buildImpact } from '../views/impact';
import { countArg, int } from './args';
import { asOfArg } from './common';

export const impactResolvers: Resolvers = {
  Query: {
    impact: async (_, args, ctx) => {
      const element = parseInput(idSchema, args.element, ['element']);
      const depth = countArg(args.depth, 2, 1, MAX_IMPACT_DEPTH, ['depth']);
      const [row] = await ctx.db.read(IMPACT_OF_ELEMENT, { element, depth: int(depth), asOf: asOfArg(args.asOf) });
      if (!row) throw notFound('element', element);
      const impact = buildImpact(row, depth);
      ctx.loaders.element.prime(impact.root.id, impact.root);
      for (const d of impact.dependents) ctx.loaders.element.prime(d.element.id, d.element);
      return impact;
    },
  },
};
