/**
 * Runs after test/global-setup.ts has started (or found) the test Neo4j: clears it, applies the
 * schema and loads the graph seed once, so integration tests read the real map.
 */
import { createDriver, Database } from '../store/database';
import { applySchema, loadSeed } from '../store/setup';
import { clearDatabase } from './neo4j-provider';

export default async function setup(): Promise<void> {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('test/global-setup.ts did not provide TEST_NEO4J_URI');
  const database = process.env.TEST_NEO4J_DATABASE ?? 'neo4j';
  const driver = createDriver({ uri, user: process.env.TEST_NEO4J_USER ?? 'neo4j', password: process.env.TEST_NEO4J_PASSWORD, database });
  const db = new Database(driver, database);
  try {
    await clearDatabase(driver, database);
    await applySchema(db);
    const started = performance.now();
    await loadSeed(db, () => {});
    console.log(`test database seeded in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await driver.close();
  }
}
