/** `norms(service, …)`: which norms apply to an information service, by layer and kind (one round trip). */
import { KINDS, LAYERS } from '../../schema/metamodel';
import { idSchema, kindSchema, layerSchema } from '../../schema/validation';
import { NORMS_FOR_SERVICE } from '../cypher/norms';
import { notFound, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { buildNorms } from '../views/norms';
import { optionalId, optionalList } from './args';
import { asOfArg, labelIn } from './common';
import { today } from '../model';

export const normsResolvers: Resolvers = {
  Query: {
    norms: async (_, args, ctx) => {
      const service = parseInput(idSchema, args.service, ['service']);
      const layers = optionalList(layerSchema, args.layers, ['layers']);
      const kinds = optionalList(kindSchema, args.kinds, ['kinds']);
      const actorType = optionalId(args.actorType, ['actorType']);
      const asOf = asOfArg(args.asOf);
      const [row] = await ctx.db.read(NORMS_FOR_SERVICE, { service, actorType, asOf, today: today() });
      if (!row) throw notFound('information service', service);
      if (row.actorTypeMissing === true && actorType) throw notFound('actor type', actorType);
      const norms = buildNorms(row, asOf, { layers, kinds, actorType });
      for (const cell of norms.layers.flatMap((l) => l.kinds.flatMap((k) => k.norms))) ctx.loaders.element.prime(cell.element.id, cell.element);
      return norms;
    },
  },
  NormsLayer: {
    label: (l, args) => labelIn(LAYERS[l.layer], args.lang),
  },
  NormsKindGroup: {
    label: (g, args) => labelIn(KINDS[g.kind], args.lang),
  },
};
