/**
 * Start-up in order: Neo4j (embedded and supervised unless NEO4J_URI) → constraints and indexes →
 * the graph seed when the database is empty → the HTTP server. Used by main.ts, the tests and the
 * benchmarks. `stop()` is the graceful shutdown: stop accepting, let in-flight requests finish
 * (up to SHUTDOWN_GRACE_MS), then close the driver, then stop the JVM.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { ResponseCache } from './http/response-cache';
import { createDriver, Database } from '../store/database';
import { startSupervisedNeo4j, type SupervisedNeo4j, type SupervisionOptions } from '../store/embedded';
import { applySchema, isEmpty, loadSeed } from '../store/setup';
import { createYogaServer } from './yoga';
import { BadTokenLimiter } from './auth/bad-tokens';

/** How long in-flight requests may run after a SIGTERM before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningApp {
  url: string;
  server: Server;
  db: Database;
  embedded: SupervisedNeo4j | null;
  /** Graceful shutdown; calling it again returns the same promise. */
  stop(): Promise<void>;
}

export interface AppOptions {
  log?: (line: string) => void;
  /** The embedded Neo4j failed too often: main.ts exits non-zero with this line. */
  onFatal?: (line: string) => void;
  supervision?: SupervisionOptions;
  /** Shorter in tests. */
  shutdownGraceMs?: number;
}

export async function startApp(config: Config, logOrOptions: ((line: string) => void) | AppOptions = {}): Promise<RunningApp> {
  const options: AppOptions = typeof logOrOptions === 'function' ? { log: logOrOptions } : logOrOptions;
  const log = options.log ?? ((l: string) => console.log(l));
  const onFatal = options.onFatal ?? ((line: string) => log(line));
  let embedded: SupervisedNeo4j | null = null;
  let uri = config.NEO4J_URI;
  // The supervisor reports to the database created below (the JVM must be up to create it).
  let db: Database | null = null;
  if (!uri) {
    log(`starting embedded Neo4j (store ${config.NEO4J_DATA_DIR}, bolt port ${config.NEO4J_EMBEDDED_PORT})…`);
    embedded = await startSupervisedNeo4j(
      { storeDir: resolve(config.NEO4J_DATA_DIR), port: config.NEO4J_EMBEDDED_PORT, progress: log, ...options.supervision },
      {
        down: (reason) => {
          log(reason);
          db?.hold(reason);
        },
        up: (at, pid) => {
          log(`embedded Neo4j restarted at ${at} (pid ${pid})`);
          db?.release();
        },
        giveUp: (line) => onFatal(line),
      },
    );
    uri = embedded.uri;
  }
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
  db = new Database(driver, config.NEO4J_DATABASE);
  db.onAvailabilityChange = (available, reason) => log(available ? `Neo4j is available again` : `Neo4j is unavailable: ${reason}`);
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
    await applySchema(db);
    if (config.SEED_ON_START && (await isEmpty(db))) await loadSeed(db, log);
  } catch (e) {
    await db.close();
    await embedded?.stop();
    throw e;
  }
  const badTokens = new BadTokenLimiter(config.BAD_TOKEN_LIMIT);
  const yoga = createYogaServer(db, config, badTokens);
  const responseCache =
    config.RESPONSE_CACHE_TTL_MS > 0
      ? new ResponseCache({ ttlMs: config.RESPONSE_CACHE_TTL_MS, maxBytes: config.RESPONSE_CACHE_MAX_MB * 1024 * 1024 })
      : undefined;
  const server = createHttpServer(yoga, db, { maxBodyBytes: config.MAX_BODY_BYTES, badTokens, ...(responseCache ? { responseCache } : {}) });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const database = db;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/`,
    server,
    db,
    embedded,
    stop() {
      stopping ??= (async () => {
        // close() stops accepting and resolves once every connection has ended; idle keep-alive
        // connections are closed at once, busy ones after their response.
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(cut);
        await database.close();
        await embedded?.stop();
      })();
      return stopping;
    },
  };
}
