/**
 * Shaping the vendors' view (api/cypher/standards.ts): a Relay connection of entries, one per
 * standard with its status, the services whose heat maps show it (with the layer) and its open
 * planned changes. Cursors are opaque (base64 of the last entry's name and id): a keyset,
 * so the next page is the same however many standards were added or removed before it.
 */
import { z } from 'zod';
import { type HeatStatus, type Layer } from '../../schema/metamodel';
import { idSchema } from '../../schema/validation';
import type { StandardPosition } from '../cypher/standards';
import { type Raw, mapsOf, strs, toElementRecord, toPlannedChangeRecord, type ElementRecord, type PlannedChangeRecord } from '../model';
import type { InformationServiceParent, ServiceRecord } from './heat-map';
import { toServiceSummary } from './landscape';

export interface ServiceUseRecord {
  service: InformationServiceParent;
  layer: Layer;
}

export interface StandardEntryRecord {
  element: ElementRecord;
  status: HeatStatus;
  services: ServiceUseRecord[];
  plannedChanges: PlannedChangeRecord[];
}

export interface StandardConnectionRecord {
  edges: { cursor: string; node: StandardEntryRecord }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Null when the request did not ask for it (the query did not count). */
  totalCount: number | null;
}

const PREFIX = 'standard:';
const positionSchema = z.tuple([z.string().max(1000), idSchema]);

/** The cursor of an entry: where it stands in the order. */
export function encodeStandardCursor(p: StandardPosition): string {
  return Buffer.from(`${PREFIX}${JSON.stringify([p.name, p.id])}`, 'utf8').toString('base64');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeStandardCursor(cursor: string): StandardPosition | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return null;
  }
  const parsed = positionSchema.safeParse(value);
  return parsed.success ? { name: parsed.data[0], id: parsed.data[1] } : null;
}

/** The query's order: name, then id, by UTF-16 code units as Cypher compares strings. */
function byPosition(a: ElementRecord, b: ElementRecord): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.name, b.name) || cmp(a.id, b.id);
}

/**
 * Build the connection from the one row of the page query, which holds up to `first + 1`
 * entries (the extra one says there is a next page). Without summaries in the row, each service
 * is its stored fields with the date to summarise it on when a request asks (see the
 * InformationService resolvers).
 */
export function buildStandardsPage(row: Raw, options: { first: number; after: StandardPosition | null; asOf: string }): StandardConnectionRecord {
  const summaries = Array.isArray(row.services) ? new Map(mapsOf(row.services).map((raw) => [String(raw.id), toServiceSummary(raw)])) : null;
  const serviceOf = (raw: Raw): InformationServiceParent => {
    const summary: ServiceRecord | undefined = summaries?.get(String(raw.id));
    if (summary) return summary;
    return {
      id: String(raw.id),
      name: String(raw.name),
      nameEn: String(raw.nameEn ?? raw.name),
      description: typeof raw.description === 'string' ? raw.description : '',
      sources: strs(raw.sources),
      summaryAsOf: options.asOf,
    };
  };
  const entries = mapsOf(row.entries)
    .map((entry): StandardEntryRecord => {
      const element = toElementRecord(entry.element as Raw);
      return {
        element,
        status: (entry.status as HeatStatus | undefined) ?? element.status ?? 'EXISTS',
        services: mapsOf(entry.uses)
          .map((u) => ({ service: serviceOf(u.service as Raw), layer: u.layer as Layer }))
          .sort((a, b) => a.service.name.localeCompare(b.service.name, 'nb') || a.layer.localeCompare(b.layer)),
        plannedChanges: mapsOf(entry.changes)
          .map(toPlannedChangeRecord)
          .sort((a, b) => (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999')),
      };
    })
    .sort((a, b) => byPosition(a.element, b.element));
  const page = entries.slice(0, options.first);
  const edges = page.map((node) => ({ cursor: encodeStandardCursor({ name: node.element.name, id: node.element.id }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: entries.length > page.length,
      hasPreviousPage: options.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: typeof row.totalCount === 'number' ? row.totalCount : null,
  };
}
