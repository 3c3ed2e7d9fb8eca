/**
 * Backup and restore (issue 13): `npm run backup -- --secrets` of the seeded test database,
 * `npm run restore` into a second, empty embedded Neo4j, and a backup of that equal to the first
 * (map, perspectives, token hashes, audit log); a corrupt or cut-short file and a database that is
 * not empty are refused, writing nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createToken } from '../api/auth/tokens';
import { BackupError, formatBackup, parseBackup, readBackupData } from '../store/backup';
import { createDriver, Database } from '../store/database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../store/embedded';
import { testDriver } from './neo4j-provider';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);
const cli = (args: string[], uri: string, user = 'neo4j', password = '') =>
  run(process.execPath, ['--import', 'tsx', 'graph-seed/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
  });

describe('backup and restore', () => {
  const neo4j = inject('neo4j');
  const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-backup-'));
  const file = join(dir, 'backup.json');
  let source: Database;
  let target: Database;
  let empty: EmbeddedNeo4j;
  let tokenId: string;

  beforeAll(async () => {
    const { driver, database } = testDriver();
    source = new Database(driver, database);
    // A token makes sure the audit log and the token list are not empty.
    tokenId = (await createToken(source, { name: 'Backuptest', role: 'ANALYST' })).id;
    empty = await startEmbeddedNeo4j({ storeDir: join(dir, 'store'), port: 0 });
    target = new Database(createDriver({ uri: empty.uri, user: 'neo4j', database: 'neo4j' }), 'neo4j');
  });
  afterAll(async () => {
    await source?.write((tx) => tx.run('MATCH (t:ApiToken {id: $id}) DETACH DELETE t', { id: tokenId })).catch(() => {});
    await source?.close();
    await target?.close();
    await empty?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round trip: backup --secrets, restore into an empty database, and the same snapshot comes back', async () => {
    const written = await cli(['backup', '--out', file, '--secrets'], neo4j.uri, neo4j.user, neo4j.password);
    expect(written.stderr).toMatch(/backup written to .*: \d+ elements, .* \d+ tokens, \d+ auditEvents; sha256 [0-9a-f]{64}/);
    const { header, data } = parseBackup(readFileSync(file, 'utf8'));
    expect(header.counts.elements).toBeGreaterThan(100);
    expect(data.tokens?.some((t) => t.id === tokenId)).toBe(true);
    expect(data.audit?.some((a) => a.target === tokenId && a.action === 'createToken')).toBe(true);

    const restored = await cli(['restore', file], empty.uri);
    expect(restored.stderr).toMatch(/checksum verified/);
    expect(restored.stderr).toMatch(/restored into/);
    expect(await readBackupData(target, { secrets: true })).toEqual(data);
  });

  it('refuses a corrupt file, a cut-short file and a database that is not empty, writing nothing', async () => {
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    // One character of the data changed, keeping the length: only the checksum can tell.
    const at = text.indexOf('"name":"', newline) + 8;
    const corrupt = `${text.slice(0, at)}${text[at] === 'X' ? 'Y' : 'X'}${text.slice(at + 1)}`;
    expect(() => parseBackup(corrupt)).toThrow(/checksum does not match/);
    expect(() => parseBackup(text.slice(0, Math.floor(text.length * 0.7)))).toThrow(/cut short/);
    expect(() => parseBackup('{"format":"something-else"}\n{}')).toThrow(BackupError);
    expect(() => parseBackup('')).toThrow(/no header line/);
    // A consistent file whose header does not match its data.
    const { data } = parseBackup(text);
    const lying = formatBackup({ ...data, audit: data.audit!.slice(1) }).replace(/"auditEvents":\d+/, `"auditEvents":${data.audit!.length}`);
    expect(() => parseBackup(lying)).toThrow(/header says/);

    // Through the command: the target (already restored) is not empty, and a corrupt file is refused first.
    const corruptFile = join(dir, 'corrupt.json');
    writeFileSync(corruptFile, corrupt);
    const failure = (args: string[]) =>
      cli(args, empty.uri).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
    const corruptRun = await failure(['restore', corruptFile]);
    expect(corruptRun?.code).toBe(1);
    expect(corruptRun?.stderr).toMatch(/checksum does not match/);
    const notEmptyRun = await failure(['restore', file]);
    expect(notEmptyRun?.code).toBe(1);
    expect(notEmptyRun?.stderr).toMatch(/not empty/);
    expect(await readBackupData(target, { secrets: true })).toEqual(data);
  });

  it('without --secrets leaves tokens and the audit log out', async () => {
    const { data, header } = parseBackup(formatBackup(await readBackupData(source, { secrets: false })));
    expect(data.tokens).toBeNull();
    expect(data.audit).toBeNull();
    expect(header.secrets).toBe(false);
    expect(Object.keys(header.counts)).not.toContain('tokens');
  });
});
