/**
 * Start-up in order: Neo4j (embedded unless NEO4J_URI) → constraints and indexes → the graph seed
 * when the database is empty → the HTTP server. Used by main.ts, the tests and the benchmarks.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { createDriver, Database } from '../store/database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../store/embedded';
import { applySchema, isEmpty, loadSeed } from '../store/setup';
import { createYogaServer } from './yoga';

export interface RunningApp {
  url: string;
  server: Server;
  db: Database;
  embedded: EmbeddedNeo4j | null;
  stop(): Promise<void>;
}

export async function startApp(config: Config, log: (line: string) => void = (l) => console.log(l)): Promise<RunningApp> {
  let embedded: EmbeddedNeo4j | null = null;
  let uri = config.NEO4J_URI;
  if (!uri) {
    log(`starting embedded Neo4j (store ${config.NEO4J_DATA_DIR}, bolt port ${config.NEO4J_EMBEDDED_PORT})…`);
    embedded = await startEmbeddedNeo4j({ storeDir: resolve(config.NEO4J_DATA_DIR), port: config.NEO4J_EMBEDDED_PORT, progress: log });
    uri = embedded.uri;
  }
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
  const db = new Database(driver, config.NEO4J_DATABASE);
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
    await applySchema(db);
    if (config.SEED_ON_START && (await isEmpty(db))) await loadSeed(db, log);
  } catch (e) {
    await driver.close();
    await embedded?.stop();
    throw e;
  }
  const yoga = createYogaServer(db, config);
  const server = createHttpServer(yoga, db, { maxBodyBytes: config.MAX_BODY_BYTES });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return {
    url: `http://${host}:${port}/`,
    server,
    db,
    embedded,
    async stop() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await driver.close();
      await embedded?.stop();
    },
  };
}
