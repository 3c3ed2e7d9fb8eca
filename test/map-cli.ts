/**
 * The map command line as the round-trip tests drive it (graph-seed/seed, archimate and xlsx
 * tests): graph-seed/cli.ts pointed at the run's test Neo4j, emptying that database between an
 * export and an import, and the set-up the round trips share (the server, a database handle and a
 * backup of the map, put back afterwards for the files that run later). Owned here so those files
 * keep only their cases.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import { Database } from '../store/database';
import { startTestApp, type TestApp } from './app';
import { clearDatabase, testDriver } from './neo4j-provider';

const run = promisify(execFile);

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** graph-seed/cli.ts with `args`, as a user runs it, against the test database; a failure is a result, not a throw. */
export async function mapCli(...args: string[]): Promise<CliResult> {
  const env = { ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_DATABASE: process.env.TEST_NEO4J_DATABASE ?? 'neo4j' };
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'graph-seed/cli.ts', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as CliResult;
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

/** Deletes everything in the test database (files that do so put the map back afterwards). */
export async function emptyTestDatabase(): Promise<void> {
  const { driver, database } = testDriver();
  try {
    await clearDatabase(driver, database);
  } finally {
    await driver.close();
  }
}

/** Puts back the whole map (perspectives included) saved by `mapCli('export', '--format', 'json', …)`, for the files that run later. */
export async function restoreMap(backup: string): Promise<CliResult> {
  await emptyTestDatabase();
  return mapCli('import', backup);
}

export interface RoundTrip {
  db: Database;
  app: TestApp;
}

/**
 * Registers the round-trip files' beforeAll and afterAll: the server, a database handle and the
 * whole map saved as JSON into `dir` before the cases empty the database; afterwards the map put
 * back, the server stopped, `dir` removed. Both the save and the restore are asserted. The object
 * returned is filled in by beforeAll.
 */
export function roundTripFixture(dir: string): RoundTrip {
  const trip = {} as RoundTrip;
  const backup = join(dir, 'backup.json');
  beforeAll(async () => {
    const { driver, database } = testDriver();
    trip.db = new Database(driver, database);
    trip.app = await startTestApp();
    expect((await mapCli('export', '--format', 'json', '--out', backup)).code).toBe(0);
  });
  afterAll(async () => {
    const restored = await restoreMap(backup);
    await trip.app.stop();
    await trip.db.driver.close();
    rmSync(dir, { recursive: true, force: true });
    expect(restored.code, restored.stderr).toBe(0);
  });
  return trip;
}
