/**
 * The analysts' writes. Each mutation: the caller's role first (requireRole), then the arguments
 * through the zod schemas of schema/validation.ts (BAD_USER_INPUT naming the field), then ONE
 * transaction that locks, checks (NOT_FOUND, CONFLICT on a stale version), writes and appends an
 * :AuditEvent with the state before and after. A failed check throws inside the transaction, so
 * it rolls back and nothing is written.
 */
import { DUE_YEARS } from '../../schema/limits';
import { z } from 'zod';
import { KINDS, RELATIONSHIPS, relationshipAllowed, type RelationshipType } from '../../schema/metamodel';
import {
  changeIdSchema,
  changeInputSchema,
  elementInputSchema,
  gapIdSchema,
  gapInputSchema,
  idSchema,
  isoDateSchema,
  layerSchema,
  lifecycleSchema,
  normativeLevelSchema,
  perspectiveIdSchema,
  perspectiveInputSchema,
  relationshipInputSchema,
  relationshipTypeSchema,
  versionSchema,
} from '../../schema/validation';
import { changeProperties, elementProperties, gapProperties, perspectiveProperties, relationshipProperties, elementFromProperties } from '../../store/codec';
import { runIn } from '../../store/query';
import { requireRole } from '../auth/authenticate';
import {
  CHANGE_BY_ID,
  COMPLETE_CHANGE,
  CREATE_CHANGE,
  CREATE_GAP,
  CREATE_PERSPECTIVE,
  DELETE_PERSPECTIVE,
  GAP_BY_ID,
  REPLACE_PERSPECTIVE,
  RESOLVE_GAP,
  ROWS_OUTSIDE_LAYERS,
  UPDATE_ELEMENT,
  createElementCypher,
  linkCypher,
  readRelationshipCypher,
  unlinkCypher,
} from '../cypher/writes';
import { apiError, badInput, conflict, notFoundAt, parseInput } from '../errors';
import { audited, elementRecord, kindsOf, lockAndRead, lockElement, newId, one, only, requireKind, versionOf, withoutNulls } from './write-transaction';
import type { Resolvers } from '../generated/graphql';
import { type Raw, toElementRecord, toGapRecord, toPlannedChangeRecord, today, type RelationshipRecord } from '../model';
import { toPerspectiveRecord } from '../views/heat-map';

/** Thrown inside unlink's transaction to roll back the lock when there is nothing to delete. */
class NothingToUnlink extends Error {}

// ---- argument schemas -------------------------------------------------------------------------

const unlinkSchema = z
  .object({ from: idSchema, type: relationshipTypeSchema, to: idSchema, layer: layerSchema.optional(), version: versionSchema.optional() })
  .strict()
  .superRefine((r, c) => {
    const layered = RELATIONSHIPS[r.type].layered;
    if (layered && !r.layer) c.addIssue({ code: z.ZodIssueCode.custom, path: ['layer'], message: `${r.type} needs the layer of the heat-map row` });
    if (!layered && r.layer) c.addIssue({ code: z.ZodIssueCode.custom, path: ['layer'], message: `${r.type} has no layer` });
  });

/** Split `version` off an input object (the zod input schemas are strict and do not know it). */
function splitVersion(input: object): { rest: Raw; version: unknown } {
  const { version, ...rest } = withoutNulls(input);
  return { rest, version };
}

/** Stored measure scores cannot be given through ElementInput; an update keeps them. */
const MEASURE_ONLY = ['rank', 'score', 'scoreCriteria', 'scoreValues'] as const;

// ---- resolvers --------------------------------------------------------------------------------

export const mutationResolvers: Resolvers = {
  Mutation: {
    markGap: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = newId('gap');
      const gap = parseInput(gapInputSchema, { ...withoutNulls(args.input), id, identifiedAt: today() }, ['input']);
      return audited(ctx, principal, async (tx) => {
        requireKind(await kindsOf(tx, [gap.service]), gap.service, 'INFORMATION_SERVICE', 'input.service', 'information service');
        const row = await only(tx, CREATE_GAP, { service: gap.service, props: gapProperties(gap) });
        const node = row.node;
        return { result: toGapRecord(node), audit: { action: 'markGap', target: id, elements: [gap.service], before: null, after: node } };
      });
    },

    resolveGap: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(gapIdSchema, args.id, ['id']);
      const resolvedAt = args.resolvedAt == null ? today() : parseInput(isoDateSchema, args.resolvedAt, ['resolvedAt']);
      return audited(ctx, principal, async (tx) => {
        if (!(await lockAndRead(tx, 'Gap', id))) throw notFoundAt('gap', id, 'id');
        const before = (await only(tx, GAP_BY_ID, { id })).node;
        const gap = toGapRecord(before);
        if (gap.resolvedAt !== null) throw apiError('CONFLICT', `gap "${id}" was already resolved on ${gap.resolvedAt}`, { id });
        if (gap.identifiedAt !== null && resolvedAt < gap.identifiedAt) {
          throw badInput('resolvedAt', `is before the gap was identified (${gap.identifiedAt})`);
        }
        const after = (await only(tx, RESOLVE_GAP, { id, resolvedAt })).node;
        const resolved = toGapRecord(after);
        return { result: resolved, audit: { action: 'resolveGap', target: id, elements: [resolved.service], before, after } };
      });
    },

    planChange: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = newId('change');
      const change = parseInput(changeInputSchema, { ...withoutNulls(args.input), id }, ['input']);
      // A plan is for the foreseeable: "9999-12-31" or "1900" is a typo (the seed's history is not written through here).
      const dueYear = change.due ? Number(change.due.slice(0, 4)) : null;
      if (dueYear !== null && (dueYear < DUE_YEARS.min || dueYear > DUE_YEARS.max))
        throw badInput('input.due', `the year must be between ${DUE_YEARS.min} and ${DUE_YEARS.max}`);
      return audited(ctx, principal, async (tx) => {
        const kinds = await kindsOf(
          tx,
          [change.element, change.measure, change.replacement].filter((x): x is string => !!x),
        );
        if (!kinds.has(change.element)) throw notFoundAt('element', change.element, 'input.element');
        if (change.measure) requireKind(kinds, change.measure, 'MEASURE', 'input.measure', 'measure');
        if (change.replacement) {
          if (!kinds.has(change.replacement)) throw notFoundAt('element', change.replacement, 'input.replacement');
          if (change.replacement === change.element) throw badInput('input.replacement', 'an element cannot replace itself');
        }
        const row = await only(tx, CREATE_CHANGE, {
          element: change.element,
          measure: change.measure ?? null,
          replacement: change.replacement ?? null,
          props: changeProperties(change),
        });
        const node = row.node;
        const touched = [change.element, ...(change.replacement ? [change.replacement] : [])];
        return { result: toPlannedChangeRecord(node), audit: { action: 'planChange', target: id, elements: touched, before: null, after: node } };
      });
    },

    completeChange: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(changeIdSchema, args.id, ['id']);
      const completedAt = args.completedAt == null ? today() : parseInput(isoDateSchema, args.completedAt, ['completedAt']);
      return audited(ctx, principal, async (tx) => {
        if (!(await lockAndRead(tx, 'PlannedChange', id))) throw notFoundAt('planned change', id, 'id');
        const before = (await only(tx, CHANGE_BY_ID, { id })).node;
        const { completedAt: done } = toPlannedChangeRecord(before);
        if (done !== null) throw apiError('CONFLICT', `planned change "${id}" was already completed on ${done}`, { id });
        const after = (await only(tx, COMPLETE_CHANGE, { id, completedAt })).node;
        const completed = toPlannedChangeRecord(after);
        return { result: completed, audit: { action: 'completeChange', target: id, elements: [completed.element], before, after } };
      });
    },

    setNormativeLevel: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(idSchema, args.element, ['element']);
      const level = args.level == null ? null : parseInput(normativeLevelSchema, args.level, ['level']);
      const version = parseInput(versionSchema, args.version, ['version']);
      return audited(ctx, principal, async (tx) => {
        const before = await lockElement(tx, id, version, 'element');
        const after = (await only(tx, UPDATE_ELEMENT, { id, props: { normativeLevel: level } })).node;
        return { result: await elementRecord(tx, id), audit: { action: 'setNormativeLevel', target: id, elements: [], before, after } };
      });
    },

    setLifecycle: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(idSchema, args.element, ['element']);
      const lifecycle = parseInput(lifecycleSchema, args.lifecycle, ['lifecycle']);
      const version = parseInput(versionSchema, args.version, ['version']);
      return audited(ctx, principal, async (tx) => {
        const before = await lockElement(tx, id, version, 'element');
        const after = (await only(tx, UPDATE_ELEMENT, { id, props: { lifecycle } })).node;
        return { result: await elementRecord(tx, id), audit: { action: 'setLifecycle', target: id, elements: [], before, after } };
      });
    },

    upsertElement: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const raw = withoutNulls(args.input);
      const element = parseInput(elementInputSchema, raw, ['input']);
      const version = args.version == null ? undefined : parseInput(versionSchema, args.version, ['version']);
      const props = elementProperties(element);
      return audited(ctx, principal, async (tx) => {
        if (version === undefined) {
          const existing = await kindsOf(tx, [element.id]);
          if (existing.has(element.id)) {
            throw apiError('CONFLICT', `an element "${element.id}" already exists; pass its version to update it`, { id: element.id, field: 'input.id' });
          }
          const after = (await only(tx, createElementCypher(element.kind), { props })).node;
          return { result: await elementRecord(tx, element.id), audit: { action: 'upsertElement', target: element.id, elements: [], before: null, after } };
        }
        const before = await lockElement(tx, element.id, version, 'input.id');
        if (before.kind !== element.kind) throw badInput('input.kind', `"${element.id}" is a ${String(before.kind)}; the kind of an element cannot change`);
        const lost = await runIn(tx, ROWS_OUTSIDE_LAYERS, { id: element.id, layers: element.layers });
        if (lost.length > 0) {
          throw badInput('input.layers', `"${element.id}" applies to services on ${lost.map((r) => r.layer).join(', ')}: keep those layers or unlink first`);
        }
        const update: Raw = { ...props };
        for (const key of MEASURE_ONLY) delete update[key];
        // Without a lifecycle in the input, an update keeps the current one (the schema's default is for new elements).
        if (raw.lifecycle === undefined) delete update.lifecycle;
        const after = (await only(tx, UPDATE_ELEMENT, { id: element.id, props: update })).node;
        return { result: await elementRecord(tx, element.id), audit: { action: 'upsertElement', target: element.id, elements: [], before, after } };
      });
    },

    link: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const { rest, version: rawVersion } = splitVersion(args.input);
      const rel = parseInput(relationshipInputSchema, rest, ['input']);
      const version = parseInput(versionSchema, rawVersion, ['input', 'version']);
      const type: RelationshipType = rel.type;
      return audited(ctx, principal, async (tx) => {
        const fromNode = await lockElement(tx, rel.from, version, 'input.from');
        const to = (await kindsOf(tx, [rel.to])).get(rel.to);
        if (!to) throw notFoundAt('element', rel.to, 'input.to');
        const { kind: fromKind, layers: fromLayers } = elementFromProperties(fromNode);
        if (!relationshipAllowed(type, fromKind, to.kind)) {
          throw badInput('input.type', `the metamodel does not allow ${type} from ${KINDS[fromKind].en} to ${KINDS[to.kind].en}`);
        }
        if (rel.layer && !fromLayers.includes(rel.layer)) throw badInput('input.layer', `${rel.layer} is not one of the layers of "${rel.from}"`);
        const params = { from: rel.from, to: rel.to, layer: rel.layer ?? null };
        const before = (await one(tx, readRelationshipCypher(type), params))?.rel;
        const props = { ...relationshipProperties(rel), ...(rel.layer ? { layer: rel.layer } : {}) };
        const row = await only(tx, linkCypher(type), { ...params, props, asOf: today() });
        const stored = row.rel;
        const result: RelationshipRecord = {
          type,
          direction: 'OUTGOING',
          from: rel.from,
          to: rel.to,
          other: toElementRecord(row.other),
          layer: rel.layer ?? null,
          validFrom: rel.validFrom ?? null,
          validTo: rel.validTo ?? null,
          sources: rel.sources,
          note: rel.note ?? null,
        };
        const describe = (r: Raw | undefined) => (r ? { from: rel.from, type, to: rel.to, ...r } : null);
        return { result, audit: { action: 'link', target: rel.from, elements: [rel.to], before: describe(before), after: describe(stored) } };
      });
    },

    unlink: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const input = parseInput(unlinkSchema, withoutNulls(args.input), ['input']);
      const type: RelationshipType = input.type;
      let deleted = false;
      await audited(ctx, principal, async (tx) => {
        await lockElement(tx, input.from, input.version, 'input.from');
        if (!(await kindsOf(tx, [input.to])).has(input.to)) throw notFoundAt('element', input.to, 'input.to');
        const row = await one(tx, unlinkCypher(type), { from: input.from, to: input.to, layer: input.layer ?? null });
        if (!row) throw new NothingToUnlink();
        deleted = true;
        const before = { from: input.from, type, to: input.to, ...row.before };
        return { result: true, audit: { action: 'unlink', target: input.from, elements: [input.to], before, after: null } };
      }).catch((e: unknown) => {
        // No such relationship: nothing was written and nothing is logged.
        if (!(e instanceof NothingToUnlink)) throw e;
      });
      return deleted;
    },

    savePerspective: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const { rest, version: rawVersion } = splitVersion(args.input);
      const perspective = parseInput(perspectiveInputSchema, rest, ['input']);
      const version = rawVersion === undefined ? undefined : parseInput(versionSchema, rawVersion, ['input', 'version']);
      const props = perspectiveProperties(perspective);
      return audited(ctx, principal, async (tx) => {
        const kinds = await kindsOf(tx, [...perspective.services, ...perspective.actorTypes]);
        perspective.services.forEach((s, i) => {
          if (kinds.get(s)?.kind !== 'INFORMATION_SERVICE') throw badInput(`input.services.${i}`, `"${s}" is not an information service`);
        });
        perspective.actorTypes.forEach((a, i) => {
          if (kinds.get(a)?.kind !== 'ACTOR_TYPE') throw badInput(`input.actorTypes.${i}`, `"${a}" is not an actor type`);
        });
        const existing = await lockAndRead(tx, 'Perspective', perspective.id);
        if (version === undefined) {
          if (existing)
            throw apiError('CONFLICT', `a perspective "${perspective.id}" already exists; pass its version to update it`, {
              id: perspective.id,
              field: 'input.id',
            });
          const after = (await only(tx, CREATE_PERSPECTIVE, { props })).node;
          return { result: toPerspectiveRecord(after), audit: { action: 'savePerspective', target: perspective.id, elements: [], before: null, after } };
        }
        if (!existing) throw notFoundAt('perspective', perspective.id, 'input.id');
        if (versionOf(existing) !== version) throw conflict(perspective.id, version, versionOf(existing));
        const after = (await only(tx, REPLACE_PERSPECTIVE, { id: perspective.id, props })).node;
        return { result: toPerspectiveRecord(after), audit: { action: 'savePerspective', target: perspective.id, elements: [], before: existing, after } };
      });
    },

    deletePerspective: async (_, args, ctx) => {
      const principal = await requireRole(ctx);
      const id = parseInput(perspectiveIdSchema, args.id, ['id']);
      return audited(ctx, principal, async (tx) => {
        const before = await lockAndRead(tx, 'Perspective', id);
        if (!before) throw notFoundAt('perspective', id, 'id');
        await runIn(tx, DELETE_PERSPECTIVE, { id });
        return { result: true, audit: { action: 'deletePerspective', target: id, elements: [], before, after: null } };
      });
    },
  },
};
