/**
 * `npm run soak -- --minutes N [--connections 16] [--warmup-minutes 1]` (not part of `npm test`):
 * `api/main.ts` with the embedded Neo4j on a fresh store seeded with the real map, then mixed
 * traffic at C connections for N minutes — anonymous reads (heat map, search, element, roadmap)
 * and, one request in five, an analyst's write (save a perspective, then delete it). Every 10 s the
 * resident memory of the Node process and of the JVM is sampled; latencies are kept per minute.
 * Prints one line per minute and a summary: errors, RSS growth (median of the first minute after
 * warm-up against the median of the last minute), p99 per minute, the load average at start and end.
 * The figures in docs/reliability.md come from this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createToken } from '../api/auth/tokens';
import { createDriver, Database } from '../store/database';
import { startServer, treeRss } from './processes';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const log = (line: string) => console.error(line);

const READS = [
  {
    query: `query($s: ID!) { heatMap(service: $s) { rows { layer cells { element { id } status } } counts { status count } } }`,
    variables: { s: 'tjeneste-journaldokumenter' },
  },
  { query: `query($t: String!) { search(text: $t) { __typename } }`, variables: { t: 'journal' } },
  { query: `query($id: ID!) { element(id: $id) { id name status } }`, variables: { id: 'standard-ihe-xds' } },
  { query: `{ measures { id name } }`, variables: {} },
];
const SAVE = `mutation($input: PerspectiveInput!) { savePerspective(input: $input) { id } }`;
const DELETE = `mutation($id: ID!) { deletePerspective(id: $id) }`;

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string' }, connections: { type: 'string' }, 'warmup-minutes': { type: 'string' } } });
  const minutes = Number(values.minutes ?? '10');
  const connections = Number(values.connections ?? '16');
  const warmup = Number(values['warmup-minutes'] ?? '1');
  if (!(minutes > 0) || !Number.isInteger(connections) || connections < 1 || !(warmup >= 0) || warmup >= minutes) {
    throw new Error('usage: npm run soak -- --minutes N [--connections C] [--warmup-minutes W < N]');
  }
  // Always its own embedded store, whatever NEO4J_URI says: the soak writes and must not touch real data.
  delete process.env.NEO4J_URI;
  const store = mkdtempSync(join(tmpdir(), 'reguleringsplan-soak-'));
  let bolt = '';
  const server = await startServer(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    env: { NEO4J_DATA_DIR: store, NEO4J_EMBEDDED_PORT: '0', PORT: '0', SEED_ON_START: 'true', GRAPHIQL: 'false', BAD_TOKEN_LIMIT: '0' },
    ready: /is ready at (\S+) /,
    timeoutMs: 300_000,
    log,
    cwd: ROOT,
    onLine: (line) => {
      const m = /embedded Neo4j ready at (bolt:\S+)/.exec(line);
      if (m) bolt = m[1]!;
    },
  });
  const db = new Database(createDriver({ uri: bolt, user: 'neo4j', database: 'neo4j' }), 'neo4j');
  const token = (await createToken(db, { name: 'Soak', role: 'ANALYST' })).secret;
  await db.close();
  const url = `${server.url}graphql`;
  log(`soak: ${minutes} min at ${connections} connections against ${url} (warm-up ${warmup} min)`);

  const loadAtStart = Number(loadavg()[0]!.toFixed(1));
  const started = Date.now();
  const end = started + minutes * 60_000;
  const perMinute: { latencies: number[]; errors: number; requests: number }[] = Array.from({ length: Math.ceil(minutes) }, () => ({
    latencies: [],
    errors: 0,
    requests: 0,
  }));
  const samples: { at: number; nodeMb: number; javaMb: number }[] = [];
  const errorKinds = new Map<string, number>();
  const sample = () => {
    const { nodeMb, javaMb } = treeRss(server.child.pid!);
    samples.push({ at: Date.now() - started, nodeMb, javaMb });
  };
  sample();
  const sampler = setInterval(sample, 10_000);

  const post = async (body: unknown, auth: boolean): Promise<boolean> => {
    const t0 = performance.now();
    let ok = false;
    let kind = '';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      ok = res.status === 200 && !json.errors;
      if (!ok) kind = `${res.status} ${json.errors?.[0]?.extensions?.code ?? ''}`;
    } catch (e) {
      kind = e instanceof Error ? e.message : String(e);
    }
    const minute = perMinute[Math.min(perMinute.length - 1, Math.floor((Date.now() - started) / 60_000))]!;
    minute.requests += 1;
    minute.latencies.push(performance.now() - t0);
    if (!ok) {
      minute.errors += 1;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
    return ok;
  };
  let n = 0;
  const worker = async (w: number) => {
    while (Date.now() < end) {
      const i = n++;
      if (i % 5 === 4) {
        const id = `perspektiv-soak-${w}-${i}`;
        if (await post({ query: SAVE, variables: { input: { id, name: `Soak ${i}` } } }, true)) await post({ query: DELETE, variables: { id } }, true);
      } else {
        await post(READS[i % READS.length], false);
      }
    }
  };
  let lastMinute = -1;
  const progress = setInterval(() => {
    const m = Math.floor((Date.now() - started) / 60_000) - 1;
    if (m > lastMinute && m >= 0 && m < perMinute.length) {
      lastMinute = m;
      const p = perMinute[m]!;
      const sorted = [...p.latencies].sort((a, b) => a - b);
      const last = samples[samples.length - 1]!;
      log(
        `minute ${m + 1}: ${p.requests} requests, ${p.errors} errors, p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms, RSS node ${last.nodeMb.toFixed(0)} MiB, JVM ${last.javaMb.toFixed(0)} MiB`,
      );
    }
  }, 1_000);
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  clearInterval(sampler);
  clearInterval(progress);
  sample();
  await server.stop();
  rmSync(store, { recursive: true, force: true });

  // Growth compares the median of the first minute after warm-up with the median of the last
  // minute: one sample at either edge would measure a garbage collection, not a trend.
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const window = (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to);
  const first = window(warmup * 60_000, (warmup + 1) * 60_000);
  const lastMin = window((minutes - 1) * 60_000, Infinity);
  const base = { nodeMb: medianOf(first.map((s) => s.nodeMb)), javaMb: medianOf(first.map((s) => s.javaMb)) };
  const last = { nodeMb: medianOf(lastMin.map((s) => s.nodeMb)), javaMb: medianOf(lastMin.map((s) => s.javaMb)) };
  const growth = (a: number, b: number) => ((b - a) / a) * 100;
  const requests = perMinute.reduce((s, p) => s + p.requests, 0);
  const errors = perMinute.reduce((s, p) => s + p.errors, 0);
  const p99s = perMinute.map((p) =>
    quantile(
      [...p.latencies].sort((a, b) => a - b),
      0.99,
    ),
  );
  console.log(
    JSON.stringify(
      {
        minutes,
        connections,
        warmupMinutes: warmup,
        loadAverage: { start: loadAtStart, end: Number(loadavg()[0]!.toFixed(1)) },
        requests,
        errors,
        errorKinds: Object.fromEntries(errorKinds),
        throughputPerSecond: Math.round(requests / (minutes * 60)),
        rss: {
          nodeMb: { afterWarmup: Math.round(base.nodeMb), end: Math.round(last.nodeMb), growthPercent: Number(growth(base.nodeMb, last.nodeMb).toFixed(1)) },
          javaMb: { afterWarmup: Math.round(base.javaMb), end: Math.round(last.javaMb), growthPercent: Number(growth(base.javaMb, last.javaMb).toFixed(1)) },
        },
        p99PerMinuteMs: p99s.map((v) => Number(v.toFixed(1))),
      },
      null,
      2,
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
