/**
 * `history(element)`, `auditLog(from, to, actor, first)` and `me`: who wrote what, and who is asking.
 * Analysts' names are personal data: a caller without a valid token sees what changed, not who
 * changed it (actor null, and no before/after of token writes, which hold the holder's name).
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { idSchema } from '../../schema/validation';
import { AUDIT_LOG, HISTORY } from '../cypher/writes';
import { apiError, notFound, parseInput } from '../errors';
import type { Context } from '../context';
import type { AuditEvent, Resolvers } from '../generated/graphql';
import { type Raw } from '../model';

const firstSchema = z.number().int().min(1).max(1000);
const actorSchema = z.string().trim().min(1).max(200);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Neo4j prints a datetime with as many fraction digits as it needs; clients get fixed-width ISO. */
function isoInstant(v: unknown): string {
  const t = Date.parse(String(v));
  return Number.isNaN(t) ? String(v) : new Date(t).toISOString();
}

export function toAuditEvent(raw: Raw): AuditEvent {
  return {
    id: String(raw.id),
    at: isoInstant(raw.at),
    actor: String(raw.actor),
    action: String(raw.action),
    target: String(raw.target),
    before: str(raw.before),
    after: str(raw.after),
  };
}

/** Token writes record the holder's name in before/after. */
const TOKEN_ACTIONS: ReadonlySet<string> = new Set(['createToken', 'revokeToken']);

/** What a caller without a valid token may see of an event. */
export function anonymised(event: AuditEvent): AuditEvent {
  const personal = TOKEN_ACTIONS.has(event.action);
  return { ...event, actor: null, before: personal ? null : (event.before ?? null), after: personal ? null : (event.after ?? null) };
}

/** Anonymous requests never look a token up (no Authorization header, no query). */
async function identified(ctx: Context): Promise<boolean> {
  return (await ctx.auth()).principal !== null;
}

export const auditResolvers: Resolvers = {
  Query: {
    history: async (_, args, ctx) => {
      const id = parseInput(idSchema, args.element, ['element']);
      const [row] = await ctx.db.read(HISTORY, { id });
      const events = (row?.events ?? []).map(toAuditEvent);
      if (row?.exists !== true && events.length === 0) throw notFound('element', id);
      return (await identified(ctx)) ? events : events.map(anonymised);
    },
    auditLog: async (_, args, ctx) => {
      const first = parseInput(firstSchema, args.first ?? 100, ['first']);
      const actor = args.actor == null ? null : parseInput(actorSchema, args.actor, ['actor']);
      const known = await identified(ctx);
      if (actor !== null && !known)
        throw apiError('UNAUTHENTICATED', 'filtering the audit log by actor needs a bearer token (Authorization: Bearer …)', { field: 'actor' });
      const rows = await ctx.db.read(
        AUDIT_LOG,
        // LIMIT needs an integer; plain JS numbers travel as floats.
        { from: args.from ?? null, to: args.to ?? null, actor, first: neo4j.int(first) },
      );
      const events = rows.map((r) => toAuditEvent(r.event));
      return known ? events : events.map(anonymised);
    },
    me: async (_, __, ctx) => {
      const { principal } = await ctx.auth();
      return principal ? { name: principal.name, role: principal.role } : null;
    },
  },
};
