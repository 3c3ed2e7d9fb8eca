/**
 * The bulk importer against writeMap, on a store of its own (the importer needs the database
 * stopped, so not the run's shared one): the same map loaded both ways reads back identically
 * (readMap, and the JSON export made from it), for the real map and for a streamed synthetic one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapToJson } from './export-format';
import { generateSyntheticMap, streamSyntheticMap } from './synthetic';
import type { GraphMap } from '../schema/map';
import { BulkImportError, importIntoNewStore, mapSource, type MapSource } from '../store/bulk-import';
import { createDriver, Database } from '../store/database';
import { readSeedDirectory } from '../store/map-files';
import { readMap } from '../store/read-map';
import { wipeMap, writeMap } from '../store/write-map';

const storeDir = mkdtempSync(join(tmpdir(), 'reguleringsplan-bulk-'));

/** Import `source`, read it back, then wipe and writeMap `map` on the same server and read again. */
async function bothWays(source: MapSource, map: GraphMap): Promise<{ imported: GraphMap; written: GraphMap; labels: unknown[]; meta: unknown[] }> {
  const { embedded, counts } = await importIntoNewStore(source, { storeDir, replace: true });
  const driver = createDriver({ uri: embedded.uri, user: 'neo4j', database: 'neo4j' });
  try {
    const db = new Database(driver, 'neo4j');
    expect(Object.values(counts.elements).reduce((a, b) => a + b, 0)).toBe(map.elements.length);
    expect(Object.values(counts.relationships).reduce((a, b) => a + b, 0)).toBe(map.relationships.length);
    const imported = await readMap(db);
    const labels = (await db.read('MATCH (e:Element) WITH e ORDER BY e.id LIMIT 3 RETURN labels(e) AS l')).map((r) => r.l);
    const meta = (await db.read('MATCH (e:Element) RETURN DISTINCT e.version AS version, e.createdAt IS NOT NULL AS created')).map((r) => ({ ...r }));
    await wipeMap(db);
    await writeMap(db, map, () => {}, 'create');
    const written = await readMap(db);
    return { imported, written, labels, meta };
  } finally {
    await driver.close();
    await embedded.stop();
  }
}

describe('bulk import into an empty store', () => {
  afterAll(() => rmSync(storeDir, { recursive: true, force: true }));

  it('stores the real map exactly as writeMap does: the same readMap and the same JSON export', async () => {
    const map = readSeedDirectory();
    const { imported, written, labels, meta } = await bothWays(mapSource(map), map);
    expect(imported.elements.length).toBe(map.elements.length);
    expect(imported.relationships.length).toBe(map.relationships.length);
    expect(imported.gaps.length).toBe(map.gaps.length);
    expect(imported).toEqual(written);
    expect(mapToJson(imported)).toBe(mapToJson(written));
    for (const l of labels) expect(l).toContain('Element');
    expect(meta).toEqual([{ version: 1, created: true }]);
  }, 300_000);

  it('stores a streamed synthetic map exactly as writeMap stores the same map in memory', async () => {
    const options = { elements: 500, seed: 3 };
    const map = generateSyntheticMap(options);
    const source: MapSource = {
      each: (sink) => {
        const { gaps, changes } = streamSyntheticMap(options, sink);
        expect(gaps).toEqual(map.gaps);
        expect(changes).toEqual(map.changes);
      },
      rest: map,
    };
    const { imported, written } = await bothWays(source, map);
    expect(imported.relationships.length).toBe(map.relationships.length);
    expect(imported).toEqual(written);
  }, 300_000);

  it('refuses a store that already holds a database unless asked to replace it', async () => {
    await expect(importIntoNewStore(mapSource(readSeedDirectory()), { storeDir })).rejects.toThrow(BulkImportError);
  });
});
