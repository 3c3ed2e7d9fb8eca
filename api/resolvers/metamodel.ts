/** The metamodel as data: served straight from schema/metamodel.ts, no database needed. */
import { CHANGE_TYPES, HEAT_STATUSES, KINDS, LAYERS, LIFECYCLES, NORMATIVE_LEVELS, RELATIONSHIPS, type Label } from '../../schema/metamodel';
import type { Language, Resolvers } from '../generated/graphql';
import { labelIn } from './common';

/** A metamodel entry as resolvers pass it on: its id, its definition, and the fields GraphQL shows. */
export interface DefRecord {
  id: string;
  def: Label;
  [field: string]: unknown;
}

const entries = <T extends Label>(defs: Record<string, T>): { id: string; def: T }[] => Object.entries(defs).map(([id, def]) => ({ id, def }));
const label = (parent: DefRecord, args: { lang?: Language | null }) => labelIn(parent.def, args.lang);

/** The metamodel has no state of its own: its field resolvers read schema/metamodel.ts. */
export type MetamodelRecord = Record<string, never>;

export const metamodelResolvers: Resolvers = {
  Query: {
    metamodel: () => ({}),
  },
  Metamodel: {
    layers: () => entries(LAYERS),
    kinds: () =>
      entries(KINDS).map(({ id, def }) => ({ id, def, layers: [...def.layers], inMetamodel: def.inMetamodel, norm: def.norm, idPrefix: def.idPrefix })),
    relationshipTypes: () => entries(RELATIONSHIPS).map(({ id, def }) => ({ id, def, from: [...def.from], to: [...def.to], layered: def.layered })),
    heatStatuses: () => entries(HEAT_STATUSES).map(({ id, def }) => ({ id, def, colour: def.colour })),
    normativeLevels: () => entries(NORMATIVE_LEVELS).map(({ id, def }) => ({ id, def, rank: def.rank })),
    lifecycles: () => entries(LIFECYCLES),
    changeTypes: () => entries(CHANGE_TYPES),
  },
  LayerDef: { label },
  KindDef: { label },
  RelationshipTypeDef: {
    label,
    inverseLabel: (parent, args) => {
      const id = parent.id as keyof typeof RELATIONSHIPS;
      return labelIn(RELATIONSHIPS[id].inverse, args.lang);
    },
  },
  HeatStatusDef: { label },
  NormativeLevelDef: { label },
  LifecycleDef: { label },
  ChangeTypeDef: { label },
};
