/**
 * Backups: one consistent snapshot (one read transaction) of the map with its perspectives and,
 * with `secrets`, the API tokens (hashes only) and the audit log. The file is two lines: a header
 * (format, version, counts, the byte length and SHA-256 of the second line) and the data as JSON.
 * `restoreBackup` refuses a file whose header, length or checksum do not match (corrupt or cut
 * short) and a database that is not empty, checks the map like an import, and writes it; if a
 * write fails mid-way it removes what it wrote, so the database is empty again, never half full.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { checkMap, emptyMap, type GraphMap } from '../schema/map';
import { formatZodIssues, seedFileSchema } from '../schema/validation';
import { bind, type Database } from './database';
import { defineQuery } from './query';
import { readMap } from './read-map';
import { applySchema } from './setup';
import { writeMap } from './write-map';

export const BACKUP_FORMAT = 'reguleringsplan-backup';
export const BACKUP_VERSION = 1;

export class BackupError extends Error {
  override name = 'BackupError';
}

const tokenSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().min(1),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const auditSchema = z.object({
  id: z.string().min(1),
  at: z.string().min(1),
  actor: z.string(),
  tokenId: z.string().nullable(),
  action: z.string().min(1),
  target: z.string(),
  elements: z.array(z.string()),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
type TokenRecord = z.infer<typeof tokenSchema>;
type AuditRecord = z.infer<typeof auditSchema>;

export interface BackupData {
  map: GraphMap;
  tokens: TokenRecord[] | null;
  audit: AuditRecord[] | null;
}

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  secrets: z.boolean(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.record(z.number().int().nonnegative()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const dataSchema = z.object({ map: z.unknown(), tokens: z.array(tokenSchema).nullable(), audit: z.array(auditSchema).nullable() });

const READ_TOKENS = defineQuery<Record<string, never>, { t: unknown }>(`MATCH (t:ApiToken)
RETURN t {.id, .name, .role, .hash, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt), revokedAt: toString(t.revokedAt)} AS t
ORDER BY t.id`);
const READ_AUDIT = defineQuery<Record<string, never>, { a: unknown }>(`MATCH (a:AuditEvent)
RETURN a {.id, at: toString(a.at), .actor, .tokenId, .action, .target, elements: coalesce(a.elements, []), .before, .after} AS a
ORDER BY a.at, a.id`);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function countsOf(data: BackupData): Record<string, number> {
  const { map } = data;
  return {
    elements: map.elements.length,
    relationships: map.relationships.length,
    gaps: map.gaps.length,
    changes: map.changes.length,
    events: map.events.length,
    perspectives: map.perspectives.length,
    ...(data.tokens ? { tokens: data.tokens.length } : {}),
    ...(data.audit ? { auditEvents: data.audit.length } : {}),
  };
}

/** Everything to back up, read in one transaction (tokens and audit only with `secrets`). */
export async function readBackupData(db: Database, options: { secrets: boolean }): Promise<BackupData> {
  const map = await readMap(db);
  if (!options.secrets) return { map, tokens: null, audit: null };
  // The map and the bookkeeping in two transactions would let a write slip in between; the
  // audit log then holds an event whose change is not in the map. Read all in one.
  const [tokens, audit] = await db.readAll([bind(READ_TOKENS), bind(READ_AUDIT)]);
  return { map, tokens: tokens.map((r) => tokenSchema.parse(r.t)), audit: audit.map((r) => auditSchema.parse(r.a)) };
}

/** The backup file's text. */
export function formatBackup(data: BackupData, createdAt = new Date()): string {
  const body = JSON.stringify(data);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: createdAt.toISOString(),
    secrets: data.tokens !== null,
    bytes: Buffer.byteLength(body, 'utf8'),
    sha256: sha256(body),
    counts: countsOf(data),
  };
  return `${JSON.stringify(header)}\n${body}\n`;
}

/** Parse and verify a backup file; throws BackupError naming what is wrong. */
export function parseBackup(text: string): { header: BackupHeader; data: BackupData } {
  const newline = text.indexOf('\n');
  if (newline < 0) throw new BackupError('not a backup file: no header line');
  let headerJson: unknown;
  try {
    headerJson = JSON.parse(text.slice(0, newline));
  } catch {
    throw new BackupError('not a backup file: the first line is not JSON');
  }
  const header = headerSchema.safeParse(headerJson);
  if (!header.success) throw new BackupError(`not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} file: ${formatZodIssues(header.error)[0]}`);
  const body = text.slice(newline + 1).replace(/\n$/, '');
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes !== header.data.bytes)
    throw new BackupError(
      `the backup is ${bytes < header.data.bytes ? 'cut short' : 'longer than written'}: ${bytes} bytes of data, the header says ${header.data.bytes}`,
    );
  if (sha256(body) !== header.data.sha256) throw new BackupError('the backup is corrupt: its checksum does not match (SHA-256)');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new BackupError('the backup is corrupt: its data is not JSON');
  }
  const parsed = dataSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError(`the backup's data is malformed: ${formatZodIssues(parsed.error)[0]}`);
  const map = seedFileSchema.safeParse(parsed.data.map);
  if (!map.success) throw new BackupError(`the backup's map is malformed: ${formatZodIssues(map.error)[0]}`);
  const full: GraphMap = { ...emptyMap(), ...map.data };
  const problems = checkMap(full);
  if (problems.length > 0) throw new BackupError(`the backup's map does not pass the checks: ${problems[0]} (and ${problems.length - 1} more)`);
  const data: BackupData = { map: full, tokens: parsed.data.tokens, audit: parsed.data.audit };
  const counts = countsOf(data);
  for (const [k, n] of Object.entries(header.data.counts)) {
    if (counts[k] !== n) throw new BackupError(`the backup holds ${counts[k] ?? 0} ${k}, its header says ${n}`);
  }
  return { header: header.data, data };
}

const ANYTHING = defineQuery<Record<string, never>, { n: number }>(
  'MATCH (n) WHERE n:Element OR n:Gap OR n:PlannedChange OR n:Event OR n:Perspective OR n:ApiToken OR n:AuditEvent RETURN count(n) AS n',
);
const RESTORE_TOKENS = `UNWIND $rows AS row
CREATE (t:ApiToken {id: row.id, name: row.name, role: row.role, hash: row.hash, createdAt: datetime(row.createdAt),
  expiresAt: datetime(row.expiresAt), revokedAt: datetime(row.revokedAt)})`;
const RESTORE_AUDIT = `UNWIND $rows AS row
CREATE (a:AuditEvent {id: row.id, at: datetime(row.at), actor: row.actor, tokenId: row.tokenId, action: row.action,
  target: row.target, elements: row.elements, before: row.before, after: row.after})`;
const WIPE = `MATCH (n) WHERE n:Element OR n:Gap OR n:PlannedChange OR n:Event OR n:Perspective OR n:ApiToken OR n:AuditEvent
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`;

/** Restore a verified backup into an empty database. */
export async function restoreBackup(db: Database, data: BackupData, progress: (line: string) => void = () => {}): Promise<Record<string, number>> {
  await applySchema(db);
  const [row] = await db.read(ANYTHING);
  const existing = Number(row?.n ?? 0);
  if (existing > 0) throw new BackupError(`the database is not empty (${existing} nodes of the map, tokens or audit log): restore only into an empty database`);
  try {
    await writeMap(db, data.map, progress, 'create');
    const batches = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 5000) }, (_, i) => rows.slice(i * 5000, i * 5000 + 5000));
    for (const rows of batches(data.tokens ?? [])) await db.write((tx) => tx.run(RESTORE_TOKENS, { rows }));
    for (const rows of batches(data.audit ?? [])) await db.write((tx) => tx.run(RESTORE_AUDIT, { rows }));
  } catch (e) {
    progress('restore failed: removing what it wrote, so the database is empty again');
    const session = db.driver.session({ database: db.database });
    try {
      await session.run(WIPE);
    } finally {
      await session.close();
    }
    throw e;
  }
  return countsOf(data);
}
