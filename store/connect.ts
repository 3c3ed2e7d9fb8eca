/**
 * A database connection for command-line tools (seed, import, export, tokens): the configured
 * NEO4J_URI; else the embedded Neo4j of a running `npm start` (its Bolt port answers); else the
 * embedded Neo4j started on the configured store for the duration of the command.
 */
import { resolve } from 'node:path';
import type { StoreConfig } from './config';
import { createDriver, Database } from './database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded';

export interface Connection {
  db: Database;
  /** Where the data lives, for the user's benefit. */
  describe: string;
  close(): Promise<void>;
}

async function answers(uri: string, database: string): Promise<Database | null> {
  const driver = createDriver({ uri, user: 'neo4j', database });
  try {
    await driver.verifyConnectivity({ database });
    return new Database(driver, database);
  } catch {
    await driver.close();
    return null;
  }
}

export async function connect(config: StoreConfig, log: (line: string) => void): Promise<Connection> {
  if (config.NEO4J_URI) {
    const driver = createDriver({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
    return { db: new Database(driver, config.NEO4J_DATABASE), describe: config.NEO4J_URI, close: () => driver.close() };
  }
  const runningUri = `bolt://127.0.0.1:${config.NEO4J_EMBEDDED_PORT}`;
  const running = await answers(runningUri, config.NEO4J_DATABASE);
  if (running) return { db: running, describe: `${runningUri} (the running npm start)`, close: () => running.driver.close() };

  const embedded: EmbeddedNeo4j = await startEmbeddedNeo4j({ storeDir: resolve(config.NEO4J_DATA_DIR), port: 0, progress: log });
  const driver = createDriver({ uri: embedded.uri, user: 'neo4j', database: config.NEO4J_DATABASE });
  return {
    db: new Database(driver, config.NEO4J_DATABASE),
    describe: `embedded store ${config.NEO4J_DATA_DIR}`,
    async close() {
      await driver.close();
      await embedded.stop();
    },
  };
}
