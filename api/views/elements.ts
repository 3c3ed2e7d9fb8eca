/**
 * Relay pagination for `elements`: opaque cursors (base64 of the offset) and the connection built
 * from the one row of ELEMENTS_PAGE.
 */
import { type Raw, toElementRecord, type ElementRecord } from '../model';

export interface ElementConnectionRecord {
  edges: { cursor: string; node: ElementRecord }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const PREFIX = 'offset:';

/** The cursor of the element at `offset` (0-based) in the filtered order. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64');
}

/** The offset a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const digits = text.slice(PREFIX.length);
  if (!/^(0|[1-9][0-9]{0,8})$/.test(digits)) return null;
  return Number(digits);
}

/** Build the connection: `offset` is where the page starts (the index after the `after` cursor). */
export function buildConnection(row: Raw, offset: number): ElementConnectionRecord {
  const page = Array.isArray(row.page) ? (row.page as Raw[]) : [];
  const totalCount = typeof row.totalCount === 'number' ? row.totalCount : 0;
  const edges = page.map((raw, i) => ({ cursor: encodeCursor(offset + i), node: toElementRecord(raw) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: offset + edges.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
