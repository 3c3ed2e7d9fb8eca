/** Shaping an impact analysis (IMPACT_OF_ELEMENT): the root and its dependents, nearest first. */
import type { RelationshipType } from '../../schema/metamodel';
import { type Raw, mapsOf, toElementRecord, type ElementRecord } from '../model';

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

export function buildImpact(row: Raw, depth: number): ImpactRecord {
  const dependents = mapsOf(row.dependents)
    .map((d): ImpactEntryRecord => ({
      element: toElementRecord(d.element as Raw),
      distance: Number(d.distance),
      path: mapsOf(d.path).map((s) => ({ from: String(s.from), type: s.type as RelationshipType, to: String(s.to) })),
    }))
    .filter((d) => d.distance >= 1 && d.distance <= depth)
    .sort((a, b) => a.distance - b.distance || a.element.name.localeCompare(b.element.name, 'nb') || a.element.id.localeCompare(b.element.id));
  return { root: toElementRecord(row.root as Raw), depth, dependents };
}
