/**
 * The embedded Neo4j on its own store (not the run's shared database): data survives a restart,
 * a second instance on the same store is refused with a clear message, stop() ends the JVM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from './database';
import { startEmbeddedNeo4j } from './embedded';

const storeDir = mkdtempSync(join(tmpdir(), 'reguleringsplan-embedded-'));

async function query(uri: string, cypher: string): Promise<unknown[]> {
  const driver = createDriver({ uri, user: 'neo4j', database: 'neo4j' });
  try {
    const { records } = await driver.executeQuery(cypher, {}, { database: 'neo4j' });
    return records.map((r): unknown => r.get(0));
  } finally {
    await driver.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Neo4j', () => {
  afterAll(() => rmSync(storeDir, { recursive: true, force: true }));

  it('keeps data across a restart, refuses a second instance on the same store, and stops', async () => {
    const first = await startEmbeddedNeo4j({ storeDir, port: 0 });
    expect(first.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    await query(first.uri, "CREATE (:Probe {id: 'survives-restart'})");

    await expect(startEmbeddedNeo4j({ storeDir, port: 0 })).rejects.toThrow(/already in use by another Neo4j process/);

    await first.stop();
    expect(alive(first.pid)).toBe(false);

    const second = await startEmbeddedNeo4j({ storeDir, port: 0 });
    try {
      expect(await query(second.uri, 'MATCH (p:Probe) RETURN p.id')).toEqual(['survives-restart']);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
