/**
 * Bearer tokens as stored: `:ApiToken {id, name, role, hash, createdAt, expiresAt, revokedAt}`. The secret is
 * returned once by `createToken` and never stored; only its SHA-256 hash is. Creating and revoking
 * are audited like every other write. Used by the token CLI (`npm run token`) and by tests.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ROLE_IDS, type Role } from '../../schema/metamodel';
import { AUDIT } from '../cypher/writes';
import type { Database } from '../../store/database';
import { defineQuery, runIn, type Raw } from '../../store/query';
import { hashToken, newTokenSecret } from './authenticate';

export const tokenNameSchema = z.string().trim().min(1, 'must not be empty').max(200);
export const roleSchema = z.enum(ROLE_IDS);

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  /** After this instant the token no longer authenticates; null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * `--expires` of the token CLI: a duration (`90d`, `12h`, `30m`) from `now`, or an ISO date or
 * instant. Throws a one-line Error for anything else or a time not in the future.
 */
export function parseExpiry(text: string, now: Date = new Date()): Date {
  const m = /^(\d{1,5})([dhm])$/.exec(text.trim());
  let at: Date;
  if (m) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
    at = new Date(now.getTime() + Number(m[1]) * unit);
  } else if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    at = new Date(text.trim());
  } else {
    throw new Error(`--expires must be a duration such as 90d, 12h or 30m, or a date such as 2027-01-01 (got "${text}")`);
  }
  if (Number.isNaN(at.getTime())) throw new Error(`--expires: "${text}" is not a valid date`);
  if (at.getTime() <= now.getTime()) throw new Error(`--expires: ${at.toISOString()} is not in the future`);
  return at;
}

export interface CreatedToken extends TokenInfo {
  /** The bearer secret: show it once, it cannot be recovered. */
  secret: string;
}

/** Who did it, for the audit log of token writes (they come from the command line, not a token). */
const CLI_ACTOR = 'token-cli';

const CREATE_TOKEN = defineQuery<
  { id: string; name: string; role: Role; hash: string; expiresAt: string | null },
  { token: Raw }
>(`CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime(), expiresAt: datetime($expiresAt)})
RETURN t {.id, .name, .role, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt)} AS token`);

const REVOKE_TOKEN = defineQuery<{ id: string }, { open: boolean; token: Raw }>(`MATCH (t:ApiToken {id: $id})
WITH t, t.revokedAt IS NULL AS open
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN open, t {.id, .name, .role, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt), revokedAt: toString(t.revokedAt)} AS token`);

const LIST_TOKENS = defineQuery<Record<string, never>, { token: Raw }>(`MATCH (t:ApiToken)
RETURN t {.id, .name, .role, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt), revokedAt: toString(t.revokedAt)} AS token
ORDER BY t.createdAt, t.id`);

/** Neo4j prints a datetime with as many fraction digits as it needs; show fixed-width ISO. */
const iso = (v: string): string => (Number.isNaN(Date.parse(v)) ? v : new Date(v).toISOString());

function toInfo(raw: Record<string, unknown>): TokenInfo {
  return {
    id: String(raw.id),
    name: String(raw.name),
    role: raw.role as Role,
    createdAt: iso(String(raw.createdAt)),
    expiresAt: typeof raw.expiresAt === 'string' ? iso(raw.expiresAt) : null,
    revokedAt: typeof raw.revokedAt === 'string' ? iso(raw.revokedAt) : null,
  };
}

/** Create a token for `name` with `role`; returns the secret (once) with the stored record. */
export async function createToken(db: Database, options: { name: string; role: Role; expiresAt?: Date | null }): Promise<CreatedToken> {
  const name = tokenNameSchema.parse(options.name);
  const role = roleSchema.parse(options.role);
  const secret = newTokenSecret();
  const id = `token-${randomBytes(6).toString('hex')}`;
  const info = await db.write(async (tx) => {
    const expiresAt = options.expiresAt ? options.expiresAt.toISOString() : null;
    const [created] = await runIn(tx, CREATE_TOKEN, { id, name, role, hash: hashToken(secret), expiresAt });
    if (!created) throw new Error('creating the token returned nothing');
    const token = toInfo(created.token);
    await runIn(tx, AUDIT, {
      actor: CLI_ACTOR,
      tokenId: null,
      action: 'createToken',
      target: id,
      elements: [],
      before: null,
      after: JSON.stringify({ id, name, role, expiresAt: token.expiresAt }),
    });
    return token;
  });
  return { ...info, secret };
}

/** Revoke a token by id. 'revoked', 'already-revoked' or 'not-found'. */
export async function revokeToken(db: Database, id: string): Promise<'revoked' | 'already-revoked' | 'not-found'> {
  return db.write(async (tx) => {
    const [record] = await runIn(tx, REVOKE_TOKEN, { id });
    if (!record) return 'not-found';
    if (!record.open) return 'already-revoked';
    const token = toInfo(record.token);
    await runIn(tx, AUDIT, {
      actor: CLI_ACTOR,
      tokenId: null,
      action: 'revokeToken',
      target: id,
      elements: [],
      before: JSON.stringify({ id, name: token.name, role: token.role }),
      after: JSON.stringify({ id, name: token.name, role: token.role, revokedAt: token.revokedAt }),
    });
    return 'revoked';
  });
}

/** Every token, oldest first, without hashes. */
export async function listTokens(db: Database): Promise<TokenInfo[]> {
  const rows = await db.read(LIST_TOKENS);
  return rows.map((r) => toInfo(r.token));
}
