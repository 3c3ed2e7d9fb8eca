/** `elements(filter, first, after)`: a Relay connection over the filtered elements, one round trip a page. */
import { z } from 'zod';
import { heatStatusSchema, idSchema, kindSchema, layerSchema, lifecycleSchema, normativeLevelSchema } from '../../schema/validation';
import { elementsPageCypher } from '../cypher/elements';
import { luceneQuery } from '../cypher/search';
import { notFound, parseInput, badInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { today } from '../model';
import { buildConnection, decodeCursor } from '../views/elements';
import { countArg, int, optionalList } from './args';

export const MAX_PAGE = 200;

const filterSchema = z.object({
  kinds: z.array(kindSchema).max(50).nullish(),
  layers: z.array(layerSchema).max(10).nullish(),
  statuses: z.array(heatStatusSchema).max(10).nullish(),
  normativeLevels: z.array(normativeLevelSchema).max(10).nullish(),
  lifecycles: z.array(lifecycleSchema).max(10).nullish(),
  service: idSchema.nullish(),
  text: z.string().max(200).nullish(),
});

export const elementsResolvers: Resolvers = {
  Query: {
    elements: async (_, args, ctx) => {
      const filter = parseInput(filterSchema, args.filter ?? {}, ['filter']);
      const first = countArg(args.first, 50, 0, MAX_PAGE, ['first']);
      let offset = 0;
      if (args.after != null) {
        const after = decodeCursor(parseInput(z.string().max(100), args.after, ['after']));
        if (after === null) throw badInput('after', 'is not a cursor of this connection');
        offset = after + 1;
      }
      const text = filter.text?.trim() ?? '';
      const lucene = text === '' ? null : luceneQuery(text);
      if (text !== '' && lucene === null) throw badInput('filter.text', 'has no letters or digits to search for');
      const service = filter.service ?? null;
      const kinds = optionalList(kindSchema, filter.kinds, ['filter', 'kinds']);
      const [row] = await ctx.db.read(elementsPageCypher(kinds), {
        service,
        lucene,
        layers: optionalList(layerSchema, filter.layers, ['filter', 'layers']),
        statuses: optionalList(heatStatusSchema, filter.statuses, ['filter', 'statuses']),
        normativeLevels: optionalList(normativeLevelSchema, filter.normativeLevels, ['filter', 'normativeLevels']),
        lifecycles: optionalList(lifecycleSchema, filter.lifecycles, ['filter', 'lifecycles']),
        asOf: today(),
        offset: int(offset),
        first: int(first),
      });
      if (!row || (row.serviceMissing === true && service)) throw notFound('information service', service ?? '');
      const connection = buildConnection(row, offset);
      for (const edge of connection.edges) ctx.loaders.element.prime(edge.node.id, edge.node);
      return connection;
    },
  },
};
