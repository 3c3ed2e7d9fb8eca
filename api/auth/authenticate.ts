/**
 * Bearer tokens: created by the token CLI, shown once, stored as SHA-256 hashes. Reads are public;
 * writes call `requireRole`. The token is looked up lazily, so a read never pays for it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../schema/metamodel';
import type { Context, Principal } from '../context';
import { apiError } from '../errors';
import type { Queries } from '../../store/database';
import { defineQuery } from '../../store/query';

export interface AuthResult {
  principal: Principal | null;
  /** 'missing': no token; 'unknown': not a token we issued; 'revoked': revoked; 'expired': past its expiry. */
  problem: 'missing' | 'unknown' | 'revoked' | 'expired' | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new secret: shown once to whoever creates it, never stored in clear. */
export function newTokenSecret(): string {
  return `rp_${randomBytes(24).toString('base64url')}`;
}

const FIND_TOKEN = defineQuery<
  { hash: string },
  { token: { id: string; name: string; role: Role; revokedAt: unknown; expired: boolean } }
>(`MATCH (t:ApiToken {hash: $hash})
RETURN t {.id, .name, .role, .revokedAt, expired: t.expiresAt IS NOT NULL AND t.expiresAt <= datetime()} AS token`);

export async function authenticate(db: Queries, authorization: string | null): Promise<AuthResult> {
  if (!authorization) return { principal: null, problem: 'missing' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m?.[1]) return { principal: null, problem: 'unknown' };
  const [row] = await db.read(FIND_TOKEN, { hash: hashToken(m[1]) });
  const token = row?.token;
  if (!token) return { principal: null, problem: 'unknown' };
  if (token.revokedAt != null) return { principal: null, problem: 'revoked' };
  if (token.expired) return { principal: null, problem: 'expired' };
  return { principal: { tokenId: token.id, name: token.name, role: token.role }, problem: null };
}

/**
 * The caller, if allowed to write with one of `roles`. No or an unknown token → UNAUTHENTICATED;
 * an expired one → UNAUTHENTICATED; a revoked token or a role without the right → FORBIDDEN. Call before any write.
 */
export async function requireRole(ctx: Context, roles: readonly Role[] = ['ANALYST', 'ADMIN']): Promise<Principal> {
  const { principal, problem } = await ctx.auth();
  if (problem === 'missing') throw apiError('UNAUTHENTICATED', 'this operation needs a bearer token (Authorization: Bearer …)');
  if (problem === 'unknown') throw apiError('UNAUTHENTICATED', 'the bearer token is not valid');
  if (problem === 'expired') throw apiError('UNAUTHENTICATED', 'the bearer token has expired; ask for a new one (npm run token -- create …)');
  if (problem === 'revoked' || !principal) throw apiError('FORBIDDEN', 'the bearer token has been revoked');
  if (!roles.includes(principal.role)) throw apiError('FORBIDDEN', `this operation needs the role ${roles.join(' or ')}`);
  return principal;
}
