/** Start-up steps on the database: schema (constraints, indexes) and the seed when empty. */
import { SCHEMA_STATEMENTS } from './constraints';
import type { Database } from './database';
import { defineQuery } from './query';
import { readSeedDirectory } from './map-files';
import { formatCounts, writeMap, type WriteCounts } from './write-map';

export async function applySchema(db: Database): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) {
    await db.write(async (tx) => {
      await tx.run(statement);
    });
  }
  // The full-text index is built asynchronously; wait so the first search sees it.
  await db.driver.executeQuery('CALL db.awaitIndexes(120)', {}, { database: db.database });
}

const ANY_ELEMENT = defineQuery<Record<string, never>, { any: boolean }>('MATCH (e:Element) RETURN count(e) > 0 AS any LIMIT 1');

export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.read(ANY_ELEMENT);
  return rows[0]?.any !== true;
}

/** Load the graph seed (idempotent). Returns the counts written. */
export async function loadSeed(db: Database, progress: (line: string) => void): Promise<WriteCounts> {
  const map = readSeedDirectory();
  progress(`loading the graph seed: ${map.elements.length} elements, ${map.relationships.length} relationships`);
  const counts = await writeMap(db, map, progress);
  for (const line of formatCounts(counts)) progress(line);
  return counts;
}
