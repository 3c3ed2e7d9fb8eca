/** `standards(…, first, after)`: the vendors' view, a Relay connection of standards, one round trip a page. */
import { z } from 'zod';
import { heatStatusSchema, kindSchema, layerSchema, normativeLevelSchema } from '../../schema/validation';
import { DEFAULT_STANDARD_KINDS, standardsPageCypher, standardsPageParams } from '../cypher/standards';
import { badInput, notFound, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { today } from '../model';
import { buildStandardsPage, decodeStandardCursor } from '../views/standards';
import { countArg, optionalId, optionalList } from './args';
import { asOfArg } from './common';
import { selectedFields } from './selection';

/** The largest page, as for `elements`. */
export const MAX_STANDARDS_PAGE = 200;

/** InformationService fields that need the service summarised (its heat map's status counts and more). */
const SUMMARY_FIELDS = new Set(['statusCounts', 'normCount', 'normsRecorded', 'workProcess']);

export const standardsResolvers: Resolvers = {
  Query: {
    standards: async (_, args, ctx, info) => {
      const layer = args.layer == null ? null : parseInput(layerSchema, args.layer, ['layer']);
      const kinds = optionalList(kindSchema, args.kinds, ['kinds']) ?? DEFAULT_STANDARD_KINDS;
      const normativeLevels = optionalList(normativeLevelSchema, args.normativeLevels, ['normativeLevels']);
      const statuses = optionalList(heatStatusSchema, args.statuses, ['statuses']);
      const service = optionalId(args.service, ['service']);
      const asOf = asOfArg(args.asOf);
      const first = countArg(args.first, 50, 0, MAX_STANDARDS_PAGE, ['first']);
      let after = null;
      if (args.after != null) {
        after = decodeStandardCursor(parseInput(z.string().max(2000), args.after, ['after']));
        if (after === null) throw badInput('after', 'is not a cursor of this connection (pass a pageInfo.endCursor of standards)');
      }
      const parts = {
        count: selectedFields(info, []).has('totalCount'),
        summaries: [...selectedFields(info, ['edges', 'node', 'services', 'service'])].some((f) => SUMMARY_FIELDS.has(f)),
        statusFilter: statuses !== null,
      };
      const filter = { kinds, layer, normativeLevels, statuses, service, asOf };
      const [row] = await ctx.db.read(standardsPageCypher(parts), standardsPageParams(filter, after, first, today()));
      if (!row || (row.serviceMissing === true && service)) throw notFound('information service', service ?? '');
      const page = buildStandardsPage(row, { first, after, asOf });
      for (const edge of page.edges) ctx.loaders.element.prime(edge.node.element.id, edge.node.element);
      return page;
    },
  },
  StandardConnection: {
    totalCount: (c) => {
      // The query counts whenever the request selects totalCount; a null here is a bug, not an answer.
      if (c.totalCount === null) throw new Error('standards: totalCount was selected but not counted');
      return c.totalCount;
    },
  },
};
