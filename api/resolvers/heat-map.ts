/** `heatMap(service, asOf, perspective)`: one information service, a row per layer. */
import { LAYERS } from '../../schema/metamodel';
import { idSchema } from '../../schema/validation';
import { HEAT_MAP_OF_SERVICE } from '../cypher/heat-map';
import { notFound, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { toElementRecord, today } from '../model';
import type { Context } from '../context';
import { buildHeatMap, isServiceRef, type InformationServiceParent, type ServiceRecord } from '../views/heat-map';
import { asOfArg, labelIn, nameIn, toSources } from './common';

/** A summary field of a service: at hand for a summarised one (no promise), loaded for a listed one. */
function summarised<T>(s: InformationServiceParent, ctx: Context, field: (r: ServiceRecord) => T): T | Promise<T> {
  return isServiceRef(s) ? ctx.loaders.serviceSummary.load(`${s.summaryAsOf}|${s.id}`).then(field) : field(s);
}

export const heatMapResolvers: Resolvers = {
  Query: {
    heatMap: async (_, args, ctx) => {
      const service = parseInput(idSchema, args.service, ['service']);
      const perspective = args.perspective == null ? null : parseInput(idSchema, args.perspective, ['perspective']);
      const asOf = asOfArg(args.asOf);
      const [row] = await ctx.db.read(HEAT_MAP_OF_SERVICE, { service, perspective, asOf, today: today() });
      if (!row) throw notFound('information service', service);
      if (row.perspectiveMissing === true && perspective) throw notFound('perspective', perspective);
      const map = buildHeatMap(row, asOf);
      // The cells' elements and the service itself (which each gap names) are in the answer already:
      // primed, they cost no second round trip.
      for (const cell of map.rows.flatMap((r) => r.cells)) ctx.loaders.element.prime(cell.element.id, cell.element);
      ctx.loaders.element.prime(service, toElementRecord(row.serviceElement));
      return map;
    },
  },
  HeatMapRow: {
    label: (row, args) => labelIn(LAYERS[row.layer], args.lang),
  },
  CellReason: {
    sources: (why) => toSources(why.sources),
  },
  InformationService: {
    label: (s, args) => nameIn(s, args.lang),
    sources: (s) => toSources(s.sources),
    // A service listed without its summary (the vendors' view when the request's selection was
    // not seen for what it is) is summarised here, batched: correct, at one more round trip.
    workProcess: (s, _, ctx) => summarised(s, ctx, (r) => r.workProcess),
    statusCounts: (s, _, ctx) => summarised(s, ctx, (r) => r.statusCounts),
    normCount: (s, _, ctx) => summarised(s, ctx, (r) => r.normCount),
    normsRecorded: (s, _, ctx) => summarised(s, ctx, (r) => r.normCount > 0),
  },
  Perspective: {
    label: (p, args) => nameIn(p, args.lang),
  },
};
