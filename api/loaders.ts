/**
 * Per-request DataLoaders: when a list view asks for per-element details, each kind of detail
 * costs one query for the whole list (batched), not one per element.
 */
import DataLoader from 'dataloader';
import { LANDSCAPE, SERVICE_SUMMARIES } from './cypher/landscape';
import { CHANGES_OF_ELEMENTS, ELEMENTS_BY_IDS, EVENTS_OF_ELEMENTS, GAPS_OF_ELEMENTS, RELATIONSHIPS_OF_ELEMENTS } from './cypher/element';
import type { Queries } from '../store/database';
import type { Query } from '../store/query';
import {
  type Raw,
  toElementRecord,
  toEventRecord,
  toGapRecord,
  toPlannedChangeRecord,
  toRelationshipRecord,
  today,
  type ElementRecord,
  type EventRecord,
  type GapRecord,
  type PlannedChangeRecord,
  type RelationshipRecord,
} from './model';
import type { ServiceRecord } from './views/heat-map';
import { buildLandscape, toServiceSummary, type LandscapeRecord } from './views/landscape';

export interface Loaders {
  element: DataLoader<string, ElementRecord | null>;
  relationships: DataLoader<string, RelationshipRecord[]>;
  changes: DataLoader<string, PlannedChangeRecord[]>;
  gaps: DataLoader<string, GapRecord[]>;
  events: DataLoader<string, EventRecord[]>;
  /** The landscape per date: however many of its three fields a query asks for, one query. */
  landscape: DataLoader<string, LandscapeRecord>;
  /** Information services summarised on a date, keyed `asOf|id`: one query per date asked. */
  serviceSummary: DataLoader<string, ServiceRecord>;
}

export function createLoaders(db: Queries): Loaders {
  const byId = async <K extends string, T>(
    query: Query<{ ids: readonly string[]; asOf: string }, { id: string } & Record<K, Raw[]>>,
    ids: readonly string[],
    key: K,
    map: (raw: Raw) => T,
  ): Promise<T[][]> => {
    const rows = await db.read(query, { ids, asOf: today() });
    const found = new Map(rows.map((r) => [r.id, r[key].map(map)]));
    return ids.map((id) => found.get(id) ?? []);
  };
  return {
    element: new DataLoader(async (ids) => {
      const rows = await db.read(ELEMENTS_BY_IDS, { ids, asOf: today() });
      const found = new Map(
        rows.map((r) => {
          const element = toElementRecord(r.element);
          return [element.id, element];
        }),
      );
      return ids.map((id) => found.get(id) ?? null);
    }),
    relationships: new DataLoader((ids) => byId(RELATIONSHIPS_OF_ELEMENTS, ids, 'relationships', toRelationshipRecord)),
    changes: new DataLoader((ids) => byId(CHANGES_OF_ELEMENTS, ids, 'changes', toPlannedChangeRecord)),
    gaps: new DataLoader((ids) => byId(GAPS_OF_ELEMENTS, ids, 'gaps', toGapRecord)),
    events: new DataLoader((ids) => byId(EVENTS_OF_ELEMENTS, ids, 'events', toEventRecord)),
    serviceSummary: new DataLoader(async (keys) => {
      const byDate = new Map<string, string[]>();
      for (const key of keys) {
        const [asOf = '', id = ''] = key.split('|');
        byDate.set(asOf, [...(byDate.get(asOf) ?? []), id]);
      }
      const found = new Map<string, ServiceRecord>();
      await Promise.all(
        [...byDate].map(async ([asOf, ids]) => {
          for (const r of await db.read(SERVICE_SUMMARIES, { ids, asOf })) found.set(`${asOf}|${String(r.service.id)}`, toServiceSummary(r.service));
        }),
      );
      return keys.map((key) => found.get(key) ?? new Error(`no information service for ${key}`));
    }),
    landscape: new DataLoader((dates) =>
      Promise.all(dates.map(async (asOf) => buildLandscape((await db.read(LANDSCAPE, { asOf }))[0] ?? { services: [], workProcesses: [], actorTypes: [] }))),
    ),
  };
}
