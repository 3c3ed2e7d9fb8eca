/**
 * Cold and warm start of the app as `npm start` runs it (`npx tsx api/main.ts`, the embedded
 * Neo4j with its default sizes): time from spawn to the ready line and to the first GET /ready 200,
 * on a fresh store (cold: schema and seed are written) and on the store a cold start left (warm),
 * and the resident memory of node and the JVM at rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../store/embedded';
import { startServer, treeRss } from './processes';

export interface StartRun {
  /** Spawn to the app's "embedded Neo4j ready" line (npx, tsx, the JVM and the store opening). */
  neo4jReadyMs: number | null;
  readyLineMs: number;
  readyHttpMs: number;
  nodeRssMb: number;
  javaRssMb: number;
}

async function firstReady200(baseUrl: string, since: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(new URL('ready', baseUrl));
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`GET ${baseUrl}ready did not answer 200 within ${timeoutMs} ms`);
}

export async function measureStart(dataDir: string, log: (line: string) => void, restMs = 3000): Promise<StartRun> {
  const [port, bolt] = [await freePort(), await freePort()];
  const spawnedAt = performance.now();
  let neo4jReadyMs: number | null = null;
  const server = await startServer('npx', ['tsx', 'api/main.ts'], {
    onLine: (line, ms) => {
      if (line.startsWith('embedded Neo4j ready at')) neo4jReadyMs = ms;
    },
    env: { NEO4J_URI: '', NEO4J_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: String(bolt), PORT: String(port), HOST: '127.0.0.1' },
    ready: /is ready at (\S+) /,
    timeoutMs: 300_000,
    log,
  });
  try {
    const readyHttpMs = await firstReady200(server.url, spawnedAt, 60_000);
    await new Promise((r) => setTimeout(r, restMs));
    const rss = treeRss(server.child.pid!);
    return { neo4jReadyMs, readyLineMs: server.readyMs, readyHttpMs, nodeRssMb: rss.nodeMb, javaRssMb: rss.javaMb };
  } finally {
    await server.stop();
  }
}

/** `runs` cold starts (each on a fresh store), then `runs` warm starts on the last one's store. */
export async function measureStarts(runs: number, log: (line: string) => void): Promise<{ cold: StartRun[]; warm: StartRun[] }> {
  const cold: StartRun[] = [];
  const warm: StartRun[] = [];
  let dir = '';
  try {
    for (let i = 0; i < runs; i++) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-bench-start-'));
      const run = await measureStart(dir, log);
      log(
        `  cold start ${i + 1}/${runs}: Neo4j ready ${((run.neo4jReadyMs ?? Number.NaN) / 1000).toFixed(1)} s, ready line ${(run.readyLineMs / 1000).toFixed(1)} s, /ready 200 at ${(run.readyHttpMs / 1000).toFixed(1)} s, rss node ${run.nodeRssMb.toFixed(0)} MiB, jvm ${run.javaRssMb.toFixed(0)} MiB`,
      );
      cold.push(run);
    }
    for (let i = 0; i < runs; i++) {
      const run = await measureStart(dir, log);
      log(
        `  warm start ${i + 1}/${runs}: Neo4j ready ${((run.neo4jReadyMs ?? Number.NaN) / 1000).toFixed(1)} s, ready line ${(run.readyLineMs / 1000).toFixed(1)} s, /ready 200 at ${(run.readyHttpMs / 1000).toFixed(1)} s, rss node ${run.nodeRssMb.toFixed(0)} MiB, jvm ${run.javaRssMb.toFixed(0)} MiB`,
      );
      warm.push(run);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return { cold, warm };
}
