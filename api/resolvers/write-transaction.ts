/**
 * The shape every analyst's write takes (api/resolvers/mutations.ts): one managed transaction
 * that locks what it changes, reads its latest committed state, checks (NOT_FOUND, CONFLICT on a
 * stale version, the metamodel's kinds), writes, and appends the :AuditEvent with the state before
 * and after — or throws, so the transaction rolls back and nothing is written.
 */
import { randomBytes } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { KINDS, type Kind, type Layer } from '../../schema/metamodel';
import { AUDIT, ELEMENT_WITH_STATUS, KINDS_OF, lockCypher, readNodeCypher, type WritableLabel } from '../cypher/writes';
import type { Context, Principal } from '../context';
import { apiError, badInput, conflict, notFoundAt } from '../errors';
import { type Raw, toElementRecord, today, type ElementRecord } from '../model';
import { runIn, type Params, type Query, type Row } from '../../store/query';

/** What a write appends to the audit log. */
export interface AuditEntry {
  action: string;
  target: string;
  /** Elements the write touched besides the target (history(element) finds the event by these too). */
  elements: string[];
  before: unknown;
  after: unknown;
}

/** GraphQL sends null for an omitted optional field; the zod schemas expect it absent. */
export function withoutNulls(value: object): Raw {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

/** A new id for a node the caller does not name (gaps, planned changes). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

const isTemporal = (v: unknown): boolean =>
  neo4j.isDateTime(v) || neo4j.isDate(v) || neo4j.isLocalDateTime(v) || neo4j.isTime(v) || neo4j.isLocalTime(v) || neo4j.isDuration(v);

/** JSON of a stored state for the audit log (Neo4j temporals as ISO strings). */
export function auditJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (_key, v: unknown) => (isTemporal(v) ? String(v) : v));
}

/** The first row of a query in the write transaction, or undefined when it returned none. */
export async function one<P extends Params, R extends Row>(tx: ManagedTransaction, query: Query<P, R>, params: P): Promise<R | undefined> {
  return (await runIn(tx, query, params))[0];
}

/** The row of a statement that always returns one once its subject is locked and checked (creates, updates). */
export async function only<P extends Params, R extends Row>(tx: ManagedTransaction, query: Query<P, R>, params: P): Promise<R> {
  const row = await one(tx, query, params);
  if (!row) throw new Error('a write statement matched nothing after its checks passed');
  return row;
}

/** Lock a node and read its latest committed properties; undefined when there is none. */
export async function lockAndRead(tx: ManagedTransaction, label: WritableLabel, id: string): Promise<Raw | undefined> {
  const locked = await one(tx, lockCypher(label), { id });
  if (!locked) return undefined;
  return (await one(tx, readNodeCypher(label), { id }))?.node;
}

export const versionOf = (node: Raw): number => (typeof node.version === 'number' ? node.version : 1);

/** Lock an element and check the version the caller read: NOT_FOUND or CONFLICT, else its state. */
export async function lockElement(tx: ManagedTransaction, id: string, version: number | undefined, field: string): Promise<Raw> {
  const node = await lockAndRead(tx, 'Element', id);
  if (!node) throw notFoundAt('element', id, field);
  if (version !== undefined && versionOf(node) !== version) throw conflict(id, version, versionOf(node));
  return node;
}

export async function kindsOf(tx: ManagedTransaction, ids: string[]): Promise<Map<string, { kind: Kind; layers: Layer[] }>> {
  const found = await runIn(tx, KINDS_OF, { ids });
  const out = new Map<string, { kind: Kind; layers: Layer[] }>();
  for (const r of found) if (r.kind !== null) out.set(r.id, { kind: r.kind, layers: r.layers ?? [] });
  return out;
}

/** Element `id` must exist ("no `what` with id …", NOT_FOUND) and be of kind `expected` (BAD_USER_INPUT); both at `field`. */
export function requireKind(kinds: Map<string, { kind: Kind }>, id: string, expected: Kind, field: string, what: string): void {
  const kind = kinds.get(id)?.kind;
  if (!kind) throw notFoundAt(what, id, field);
  const noun = KINDS[expected].en.toLowerCase();
  if (kind !== expected) throw badInput(field, `"${id}" is a ${KINDS[kind].en}, not ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`);
}

export async function elementRecord(tx: ManagedTransaction, id: string): Promise<ElementRecord> {
  const row = await one(tx, ELEMENT_WITH_STATUS, { id, asOf: today() });
  // Called within the write that created or locked the element: it is there.
  if (!row) throw new Error(`element ${id} is missing inside its own write`);
  return toElementRecord(row.element);
}

const isConstraintViolation = (e: unknown): boolean => e instanceof Error && 'code' in e && e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * Run one write: the work, then its audit event, in the same transaction. Two creates of the
 * same id racing each other end in the unique constraint: reported as CONFLICT.
 */
export async function audited<T>(ctx: Context, principal: Principal, work: (tx: ManagedTransaction) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
  try {
    return await ctx.db.write(async (tx) => {
      const { result, audit } = await work(tx);
      await runIn(tx, AUDIT, {
        actor: principal.name,
        tokenId: principal.tokenId,
        action: audit.action,
        target: audit.target,
        elements: [...new Set(audit.elements)],
        before: auditJson(audit.before),
        after: auditJson(audit.after),
      });
      return result;
    });
  } catch (e) {
    if (isConstraintViolation(e)) throw apiError('CONFLICT', 'something with this id was created at the same time; read it again and retry');
    throw e;
  }
}
