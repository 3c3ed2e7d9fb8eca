/**
 * Where the test run's Neo4j comes from, in order: NEO4J_URI (a server you point at: it is
 * WIPED), a testcontainers `neo4j:5.26-community` when a Docker engine answers, else the embedded
 * Neo4j on a temporary store and a free port. One database per run, shared by all test files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../store/database';
import { startEmbeddedNeo4j } from '../store/embedded';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Where it came from, printed once so a reader of the log knows what the tests ran against. */
  origin: 'NEO4J_URI' | 'testcontainers' | 'embedded';
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export interface StartedNeo4j {
  neo4j: TestNeo4j;
  stop(): Promise<void>;
}

/** testcontainers throws "Could not find a working container runtime strategy" without Docker. */
async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startTestNeo4j(log: (line: string) => void): Promise<StartedNeo4j> {
  const env = process.env;
  if (env.NEO4J_URI) {
    return {
      neo4j: {
        uri: env.NEO4J_URI,
        user: env.NEO4J_USER ?? 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        database: env.NEO4J_DATABASE ?? 'neo4j',
        origin: 'NEO4J_URI',
      },
      stop: async () => {},
    };
  }
  if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    log('starting neo4j:5.26-community with testcontainers…');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
    return {
      neo4j: { uri: container.getBoltUri(), user: container.getUsername(), password: container.getPassword(), database: 'neo4j', origin: 'testcontainers' },
      stop: async () => {
        await container.stop();
      },
    };
  }
  const storeDir = mkdtempSync(join(tmpdir(), 'reguleringsplan-test-'));
  log('no NEO4J_URI and no Docker engine: starting the embedded Neo4j for the tests…');
  const embedded = await startEmbeddedNeo4j({ storeDir, port: 0, progress: log });
  return {
    neo4j: { uri: embedded.uri, user: 'neo4j', password: '', database: 'neo4j', origin: 'embedded' },
    stop: async () => {
      await embedded.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** A driver to the run's Neo4j, for tests that query the database directly. */
export function testDriver(): { driver: Driver; database: string } {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: run the tests through vitest (test/global-setup.ts)');
  const database = process.env.TEST_NEO4J_DATABASE ?? 'neo4j';
  return { driver: createDriver({ uri, user: process.env.TEST_NEO4J_USER ?? 'neo4j', password: process.env.TEST_NEO4J_PASSWORD, database }), database };
}

/** Delete every node; CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run. */
export async function clearDatabase(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
