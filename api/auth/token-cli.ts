/**
 * `npm run token -- create --role analyst|admin --name <who> [--expires 90d]`: prints a new bearer token once
 * (only its SHA-256 hash is stored). `npm run token -- revoke <id>` and `npm run token -- list`.
 * Connects like the other commands (NEO4J_URI, else the running or a started embedded Neo4j).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { connect } from '../../store/connect';
import type { Database } from '../../store/database';
import { applySchema } from '../../store/setup';
import { createToken, listTokens, parseExpiry, revokeToken, roleSchema, tokenNameSchema } from './tokens';

const USAGE = `usage:
  npm run token -- create --role analyst|admin --name <who> [--expires 90d|12h|2027-01-01]
                                                              a new bearer token, shown once; it stops
                                                              working after --expires (default: never)
  npm run token -- revoke <id>                                revoke a token (its holder can no longer write)
  npm run token -- list                                       every token, without secrets`;

const log = (line: string) => console.error(line);

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) throw new UsageError('');
  if (command === 'create') {
    const role = roleSchema.safeParse((values.role ?? '').toUpperCase());
    if (!role.success) throw new UsageError('--role must be analyst or admin');
    const name = tokenNameSchema.safeParse(values.name ?? '');
    if (!name.success) throw new UsageError('--name <who> is required');
    if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest.join(' ')}`);
    let expiresAt: Date | null = null;
    if (values.expires !== undefined) {
      try {
        expiresAt = parseExpiry(values.expires);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
    }
    await withDb(async (db) => {
      const token = await createToken(db, { name: name.data, role: role.data, expiresAt });
      const until = token.expiresAt ? `, valid until ${token.expiresAt}` : ', no expiry';
      log(`created token ${token.id} for ${token.name} (${token.role}${until}); the secret is shown only this once:`);
      console.log(token.secret);
    });
    return;
  }
  if (command === 'revoke') {
    const [id, ...extra] = rest;
    if (!id || extra.length > 0) throw new UsageError('revoke takes one token id (see `npm run token -- list`)');
    await withDb(async (db) => {
      const outcome = await revokeToken(db, id);
      if (outcome === 'not-found') {
        log(`no token with id ${id}`);
        process.exitCode = 1;
      } else {
        log(outcome === 'revoked' ? `revoked ${id}` : `${id} was already revoked`);
      }
    });
    return;
  }
  if (command === 'list') {
    await withDb(async (db) => {
      const tokens = await listTokens(db);
      if (tokens.length === 0) log('no tokens');
      const now = Date.now();
      const state = (t: (typeof tokens)[number]) =>
        t.revokedAt
          ? `revoked ${t.revokedAt}`
          : t.expiresAt && Date.parse(t.expiresAt) <= now
            ? `expired ${t.expiresAt}`
            : t.expiresAt
              ? `active until ${t.expiresAt}`
              : 'active';
      for (const t of tokens) console.log([t.id, t.role.padEnd(7), t.createdAt, state(t), t.name].join('  '));
    });
    return;
  }
  throw new UsageError(`unknown command: ${command}`);
}

async function withDb(work: (db: Database) => Promise<void>): Promise<void> {
  const conn = await connect(loadConfig(), log);
  try {
    await applySchema(conn.db);
    await work(conn.db);
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    if (e.message) console.error(e.message);
    console.error(USAGE);
    process.exitCode = 2;
  } else if (e instanceof ConfigError) {
    console.error(e.message);
    process.exitCode = 1;
  } else {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
});
