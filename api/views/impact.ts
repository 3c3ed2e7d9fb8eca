/** Shaping an impact analysis (IMPACT_OF_ELEMENT): the root and its dependents, nearest first. */
import type { RelationshipType } from '../../schema/metamodel';
import { toElementRecord, type ElementRecord } from '../model';

type Raw = Record<string, unknown>;

export interface PathStepRecord {
  from: string;
  type: RelationshipType;
  to: string;
}

export interface ImpactEntryRecord {
  element: ElementRecord;
  distance: number;
  path: PathStepRecord[];
}

export interface ImpactRecord {
  root: ElementRecord;
  depth: number;
  dependents: ImpactEntryRecord[];
}

const rows = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export function buildImpact(row: Raw, depth: number): ImpactRecord {
  const dependents = rows(row.dependents)
    .map((d): ImpactEntryRecord => ({
      element: toElementRecord(d.element as Raw),
      distance: Number(d.distance),
      path: rows(d.path).map((s) => ({ from: String(s.from), type: s.type as RelationshipType, to: String(s.to) })),
    }))
    .filter((d) => d.distance >= 1 && d.distance <= depth)
    .sort((a, b) => a.distance - b.distance || a.element.name.localeCompare(b.element.name, 'nb') || a.element.id.localeCompare(b.element.id));
  return { root: toElementRecord(row.root as Raw), depth, dependents };
}
