/**
 * The planning views (issue 16): heatMapDiff and landscapeDiff (compare two dates), timeline,
 * normsFor (norms for a role across the whole map) and the what-if scenarios of the
 * prioritisation (read, and saved like perspectives: role, zod, one audited transaction).
 */
import { LAYERS } from '../../schema/metamodel';
import { idSchema, isoDateSchema, prefixedIdSchema, scenarioInputSchema, versionSchema } from '../../schema/validation';
import { scenarioProperties } from '../../store/codec';
import { requireRole } from '../auth/authenticate';
import type { Context } from '../context';
import { HEAT_MAP_DIFF, LANDSCAPE_DIFF, NORMS_FOR_ROLE, SCENARIOS, SCENARIO_BY_ID, TIMELINE } from '../cypher/planning';
import { CREATE_SCENARIO, DELETE_SCENARIO, MEASURES_AMONG, REPLACE_SCENARIO } from '../cypher/writes';
import { apiError, badInput, conflict, notFound, notFoundAt, parseInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { type ElementRecord, today } from '../model';
import { toActorType } from '../views/landscape';
import { buildHeatMapDiff, buildLandscapeDiff, buildRoleNorms, buildTimeline, toScenarioRecord } from '../views/planning';
import { optionalId } from './args';
import { asOfArg, labelIn, nameIn } from './common';
import { audited, lockAndRead, only, versionOf, withoutNulls } from './write-transaction';
import { runIn } from '../../store/query';

/** The axis of the plan's roadmaps: 2019 (the first measures) to 2035. */
export const TIMELINE_FROM = '2019-01-01';
export const TIMELINE_TO = '2035-12-31';

const scenarioIdSchema = prefixedIdSchema('scenario');

/** Two dates, from ≤ to (BAD_USER_INPUT on `to` otherwise). */
function window(from: string, to: string): { from: string; to: string } {
  const f = parseInput(isoDateSchema, from, ['from']);
  const t = parseInput(isoDateSchema, to, ['to']);
  if (t < f) throw badInput('to', 'is before from');
  return { from: f, to: t };
}

function prime(ctx: Context, elements: readonly (ElementRecord | null)[]): void {
  for (const e of elements) if (e) ctx.loaders.element.prime(e.id, e);
}

export const planningResolvers: Resolvers = {
  Query: {
    heatMapDiff: async (_, args, ctx) => {
      const service = parseInput(idSchema, args.service, ['service']);
      const { from, to } = window(args.from, args.to);
      const [row] = await ctx.db.read(HEAT_MAP_DIFF, { service, from, to, asOf: today() });
      if (!row) throw notFound('information service', service);
      const diff = buildHeatMapDiff(row, from, to);
      prime(
        ctx,
        diff.cells.map((c) => c.element),
      );
      return diff;
    },
    landscapeDiff: async (_, args, ctx) => {
      const { from, to } = window(args.from, args.to);
      const rows = await ctx.db.read(LANDSCAPE_DIFF, { from, to });
      return buildLandscapeDiff(rows, from, to);
    },
    timeline: async (_, args, ctx) => {
      const { from, to } = window(args.from ?? TIMELINE_FROM, args.to ?? TIMELINE_TO);
      const asOf = asOfArg(args.asOf);
      const [row] = await ctx.db.read(TIMELINE, { from, to, asOf: today() });
      const elements: ElementRecord[] = [];
      const timeline = buildTimeline(row ?? {}, from, to, asOf, elements);
      prime(ctx, elements);
      return timeline;
    },
    normsFor: async (_, args, ctx) => {
      const actorType = optionalId(args.actorType, ['actorType']);
      const workProcess = optionalId(args.workProcess, ['workProcess']);
      if ((actorType === null) === (workProcess === null)) {
        throw badInput('actorType', 'give exactly one of actorType and workProcess');
      }
      const asOf = asOfArg(args.asOf);
      const [row] = await ctx.db.read(NORMS_FOR_ROLE, { actorType, workProcess, asOf, today: today() });
      if (!row || (row.actorTypeMissing === true && actorType)) throw notFoundAt('actor type', actorType ?? '', 'actorType');
      if (row.workProcessMissing === true && workProcess) throw notFoundAt('work process', workProcess, 'workProcess');
      const wp = row.workProcess;
      const norms = buildRoleNorms(
        row,
        asOf,
        row.actorType ? toActorType(row.actorType) : null,
        wp ? { ...toActorType(wp), informationServices: [], actorTypes: [] } : null,
      );
      prime(
        ctx,
        norms.layers.flatMap((l) => l.norms.map((n) => n.element)),
      );
      return norms;
    },
    scenarios: async (_, __, ctx) => {
      const rows = await ctx.db.read(SCENARIOS);
      return rows.map((r) => toScenarioRecord(r.scenario));
    },
    scenario: async (_, args, ctx) => {
      const id = parseInput(scenarioIdSchema, args.id, ['id']);
      const [row] = await ctx.db.read(SCENARIO_BY_ID, { id });
      if (!row) throw notFound('scenario', id);
      return toScenarioRecord(row.scenario);
    },
  },
  Mutation: {
    saveScenario: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const { version: rawVersion, ...rest } = withoutNulls(args.input);
      const scenario = parseInput(scenarioInputSchema, rest, ['input']);
      const version = rawVersion === undefined ? undefined : parseInput(versionSchema, rawVersion, ['input', 'version']);
      const props = scenarioProperties(scenario);
      return audited(ctx, principal, async (tx) => {
        const measures = new Set((await only(tx, MEASURES_AMONG, { ids: [...new Set(scenario.scores.map((s) => s.measure))] })).ids);
        scenario.scores.forEach((s, i) => {
          if (!measures.has(s.measure)) throw badInput(`input.scores.${i}.measure`, `"${s.measure}" is not a measure`);
        });
        const existing = await lockAndRead(tx, 'Scenario', scenario.id);
        const elements = [...measures];
        if (version === undefined) {
          if (existing)
            throw apiError('CONFLICT', `a scenario "${scenario.id}" already exists; pass its version to replace it`, { id: scenario.id, field: 'input.id' });
          const after = (await only(tx, CREATE_SCENARIO, { props })).node;
          return { result: toScenarioRecord(after), audit: { action: 'saveScenario', target: scenario.id, elements, before: null, after } };
        }
        if (!existing) throw notFoundAt('scenario', scenario.id, 'input.id');
        if (versionOf(existing) !== version) throw conflict(scenario.id, version, versionOf(existing));
        const after = (await only(tx, REPLACE_SCENARIO, { id: scenario.id, props })).node;
        return { result: toScenarioRecord(after), audit: { action: 'saveScenario', target: scenario.id, elements, before: existing, after } };
      });
    },
    deleteScenario: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(scenarioIdSchema, args.id, ['id']);
      return audited(ctx, principal, async (tx) => {
        const before = await lockAndRead(tx, 'Scenario', id);
        if (!before) throw notFoundAt('scenario', id, 'id');
        await runIn(tx, DELETE_SCENARIO, { id });
        return { result: true, audit: { action: 'deleteScenario', target: id, elements: [], before, after: null } };
      });
    },
  },
  CellDiff: {
    element: (d) => d.element ?? null,
    gap: (d) => d.gap ?? null,
    change: (d) => d.change ?? null,
  },
  RoleNormsLayer: {
    label: (l, args) => labelIn(LAYERS[l.layer], args.lang),
  },
  Scenario: {
    label: (x, args) => nameIn(x, args.lang),
    nameEn: (x) => x.nameEn ?? null,
    description: (x) => x.description ?? null,
  },
};
