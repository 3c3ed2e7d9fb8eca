/**
 * `npm run bench [-- --sizes 1000,10000,100000] [--quick] [--runs N] [--requests N] [--seconds S]
 * [--connections C] [--no-peer] [--no-start] [--start] [--no-real] [--no-node24]`; `--sizes 0`
 * measures no synthetic map, `--quick` is a smoke run of a few minutes (the real map and 1000
 * elements, one short run of everything, no start unless `--start`), `--render FILE` only
 * writes docs/performance.md again from earlier results files (comma-separated: later ones replace
 * earlier figures for the same map).
 *
 * For synthetic maps of each size (and the real map from graph-seed/data when it has files):
 * load into a fresh embedded Neo4j store and time it; then per view (bench/queries.ts) latency at
 * concurrency 1 and throughput at C connections over HTTP against `api/main.ts`, the same Cypher
 * through neo4j-driver alone (the floor), and the heat map from an @neo4j/graphql peer; resident
 * memory at rest and under load; cold and warm start of the app; what users send (the web's heat
 * map and landscape, a deep heat map) with the cache off and on; the cached deep heat map beside a
 * bare node:http server sending the same bytes; the API under Node 24. Every figure is the median of
 * `--runs` runs. Writes bench/results/<timestamp>.json and docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDriver, Database } from '../store/database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../store/embedded';
import { applySchema } from '../store/setup';
import { checkMap, type GraphMap } from '../schema/map';
import { readSeedDirectory } from '../store/map-files';
import { generateSyntheticMap, streamSyntheticMap } from '../graph-seed/synthetic';
import { importIntoNewStore, mapSource, type MapSource } from '../store/bulk-import';
import { writeMap } from '../store/write-map';
import {
  callThroughput,
  cypherCall,
  graphqlCall,
  graphqlError,
  httpThroughput,
  latencyRun,
  terminateLongTransactions,
  type Call,
  type LatencyResult,
  type ThroughputResult,
} from './measure';
import { PEER_HEAT_MAP_QUERY } from './peer';
import { peakSampler, rssMb, startServer, type Server } from './processes';
import { QUERIES, subjectsOf, USER_QUERIES, type BenchQuery, type Subjects, type SubjectsSource, type UserQuery } from './queries';
import { node24Binary } from './node24';
import { evaluateTargets, renderMarkdown } from './report';
import type { BenchResults, CaseResult, Machine, NamedSide, PeerResult, QueryResult, Side } from './results';
import { median, medianSummary } from './stats';
import { measureStarts } from './startup';

const HEAP_MB = 2048;
/** Views slower than this at concurrency 1 get no throughput runs. */
const SLOW_MS = 2000;
const PAGE_CACHE_MB = 512;
/**
 * From a million elements the store is a few GiB: a page cache that holds the elements and
 * relationships the views walk (the rest stays in the OS's file cache).
 */
const LARGE_PAGE_CACHE_MB = 3072;
const LARGE = 1_000_000;
/** Above this many elements the synthetic map is streamed from the generator, never held whole. */
const STREAM_ABOVE = 200_000;
const ROOT = process.cwd();

const t0 = performance.now();
const log = (line: string) => {
  const s = ((performance.now() - t0) / 1000).toFixed(0).padStart(5);
  console.log(`[${s} s] ${line}`);
};

interface Options {
  /** Only write docs/performance.md again from this results file. */
  render: string | undefined;
  sizes: number[];
  quick: boolean;
  runs: number;
  requests: number;
  warmup: number;
  seconds: number;
  connections: number;
  latencyMaxMs: number;
  peer: boolean;
  start: boolean;
  real: boolean;
  node24: boolean;
  /** How maps are loaded: Neo4j's bulk importer (default) or writeMap's batched Cypher. */
  loadMethod: LoadMethod;
}

type LoadMethod = 'import' | 'cypher';

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      requests: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      'no-peer': { type: 'boolean' },
      'no-start': { type: 'boolean' },
      'no-real': { type: 'boolean' },
      'no-node24': { type: 'boolean' },
      start: { type: 'boolean' },
      render: { type: 'string' },
      load: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const num = (v: string | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  // `--sizes 0`: no synthetic maps (the real map and the start only).
  const sizes = (values.sizes ?? (quick ? '1000' : '1000,10000,100000'))
    .split(',')
    .filter((s) => s.trim() !== '0')
    .map((s) => num(s.trim(), 0, 'sizes'));
  const loadMethod = values.load ?? 'import';
  if (loadMethod !== 'import' && loadMethod !== 'cypher') throw new Error('--load must be import or cypher');
  return {
    loadMethod,
    render: values.render,
    sizes,
    quick,
    runs: num(values.runs, quick ? 1 : 2, 'runs'),
    requests: num(values.requests, quick ? 20 : 60, 'requests'),
    warmup: quick ? 3 : 20,
    seconds: num(values.seconds, quick ? 2 : 4, 'seconds'),
    connections: num(values.connections, 32, 'connections'),
    latencyMaxMs: quick ? 5_000 : 15_000,
    peer: values['no-peer'] !== true,
    // --quick leaves out the two starts (a cold start seeds the real map) unless --start asks for them.
    start: values['no-start'] !== true && (!quick || values.start === true),
    real: values['no-real'] !== true,
    node24: values['no-node24'] !== true,
  };
}

function machine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  // `java -version` writes to stderr.
  let java = 'unknown';
  try {
    java = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? java;
  } catch {
    // no java: the embedded Neo4j will say so
  }
  return {
    cpus: cpus().length,
    model,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    java,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg()[0]!,
  };
}

const PEER_PLUGINS_DIR = join(ROOT, 'bench/peer/target/plugins');

/** APOC core for the peer, resolved by Maven into bench/peer/target/plugins on first use (never committed). */
function peerPlugins(): string {
  if (!existsSync(PEER_PLUGINS_DIR) || !readdirSync(PEER_PLUGINS_DIR).some((f) => f.startsWith('apoc-core-'))) {
    log('resolving APOC core for the @neo4j/graphql peer with Maven (bench/peer/pom.xml)…');
    execFileSync('mvn', ['-B', '-q', 'package'], { cwd: join(ROOT, 'bench/peer'), stdio: 'inherit' });
  }
  return PEER_PLUGINS_DIR;
}

/**
 * A map to load and measure: in memory (checked with checkMap), or for the largest sizes streamed
 * from the generator with only what the benchmark's requests need kept (ids, kinds, names, and
 * the APPLIES_TO and BASED_ON relationships).
 */
interface BenchMap {
  elements: number;
  relationships: number;
  source: MapSource;
  /** The whole map, for writeMap (`--load cypher`); null when streamed. */
  full: GraphMap | null;
  subjects: Subjects;
}

function benchMap(map: GraphMap): BenchMap {
  return { elements: map.elements.length, relationships: map.relationships.length, source: mapSource(map), full: map, subjects: subjectsOf(map) };
}

function streamedBenchMap(size: number): BenchMap {
  const source: MapSource = {
    each: (sink) => {
      streamSyntheticMap({ elements: size, seed: 42 }, sink);
    },
    rest: { gaps: [], changes: [], events: [], perspectives: [] },
  };
  const light = { elements: [] as SubjectsSource['elements'][number][], relationships: [] as SubjectsSource['relationships'][number][] };
  let relationships = 0;
  const rest = streamSyntheticMap(
    { elements: size, seed: 42 },
    {
      element: (e) => light.elements.push({ id: e.id, kind: e.kind, name: e.name }),
      relationship: (r) => {
        relationships += 1;
        if (r.type === 'APPLIES_TO' || r.type === 'BASED_ON') light.relationships.push({ type: r.type, from: r.from, to: r.to });
      },
    },
  );
  source.rest = { ...source.rest, ...rest };
  return { elements: light.elements.length, relationships, source, full: null, subjects: subjectsOf(light) };
}

/** Load `map` into a fresh store; the embedded Neo4j keeps running for the queries. */
async function load(
  map: BenchMap,
  label: string,
  pluginsDir: string | undefined,
  o: Options,
): Promise<{ embedded: EmbeddedNeo4j; storeDir: string; ms: number }> {
  const storeDir = mkdtempSync(join(tmpdir(), `reguleringsplan-bench-${label.replace(/\W+/g, '-')}-`));
  const pageCacheMb = map.elements >= LARGE ? LARGE_PAGE_CACHE_MB : PAGE_CACHE_MB;
  const embeddedOptions = { heapMb: HEAP_MB, pageCacheMb, ...(pluginsDir ? { pluginsDir } : {}) };
  let last = 0;
  const progress = (line: string) => {
    // Keep the progress readable: one line every few seconds.
    if (performance.now() - last > 5000 || !line.startsWith('  ')) {
      last = performance.now();
      log(`    ${line.trim()}`);
    }
  };
  if (o.loadMethod === 'import') {
    const started = performance.now();
    const { embedded, steps } = await importIntoNewStore(map.source, { storeDir, embedded: embeddedOptions, progress });
    const ms = performance.now() - started;
    log(
      `    CSV ${(steps.csvMs / 1000).toFixed(1)} s, importer ${(steps.importMs / 1000).toFixed(1)} s, start ${(steps.startMs / 1000).toFixed(1)} s, constraints and indexes ${(steps.schemaMs / 1000).toFixed(1)} s, the rest ${(steps.restMs / 1000).toFixed(1)} s`,
    );
    return { embedded, storeDir, ms };
  }
  if (!map.full) throw new Error(`--load cypher needs the map in memory (at most ${STREAM_ABOVE} elements)`);
  const embedded = await startEmbeddedNeo4j({ storeDir, port: 0, ...embeddedOptions, progress: () => {} });
  const driver = createDriver({ uri: embedded.uri, user: 'neo4j', database: 'neo4j' });
  try {
    const db = new Database(driver, 'neo4j');
    const started = performance.now();
    await applySchema(db);
    await writeMap(db, map.full, progress, 'create');
    return { embedded, storeDir, ms: performance.now() - started };
  } catch (e) {
    await embedded.stop();
    rmSync(storeDir, { recursive: true, force: true });
    throw e;
  } finally {
    await driver.close();
  }
}

/** The views' Cypher as the files hold it now (a fresh process, like the API started beside it). */
function cypherSnapshot(): Record<string, string> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/cypher-snapshot.ts'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string>;
}

/** The response cache's default TTL (api/config.ts); the cached runs use the API as shipped. */
const CACHE_TTL_MS = 5000;
/** Views measured again with the response cache on: the two the web map asks most. */
const CACHED_VIEWS = ['heatMap', 'norms'];

/** The API over `uri`; `cacheTtlMs` 0 turns the response cache off so Neo4j answers every request. */
async function startApi(uri: string, cacheTtlMs: number, node = process.execPath): Promise<Server> {
  const server = await startServer(node, ['--import', 'tsx', 'api/main.ts'], {
    env: { NEO4J_URI: uri, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', GRAPHIQL: 'false', RESPONSE_CACHE_TTL_MS: String(cacheTtlMs) },
    ready: /is ready at (\S+) /,
    timeoutMs: 120_000,
    log,
    cwd: ROOT,
  });
  return { ...server, url: `${server.url}graphql` };
}

async function startPeer(uri: string): Promise<Server> {
  return startServer(process.execPath, ['--import', 'tsx', 'bench/peer-server.ts'], {
    env: { NEO4J_URI: uri, PORT: '0' },
    ready: /^PEER_READY (\S+)/,
    timeoutMs: 120_000,
    log,
    cwd: ROOT,
  });
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '–');

/** Latency runs, then a warm-up and throughput runs, of one caller; the error when it fails in the warm-up. */
async function measureSide(
  what: string,
  latencyCall: Call,
  throughput: (seconds: number) => Promise<ThroughputResult>,
  o: Options,
): Promise<Side | { error: string }> {
  const latencyRuns: LatencyResult[] = [];
  for (let r = 0; r < o.runs; r++) {
    const run = await latencyRun(latencyCall, { n: o.requests, warmup: o.warmup, maxMs: o.latencyMaxMs, offset: r * (o.requests + o.warmup) });
    if (run.count === 0) return { error: run.firstError ?? 'failed' };
    latencyRuns.push(run);
    log(
      `      ${what} latency run ${r + 1}/${o.runs}: p50 ${fmt(run.p50)} ms, p95 ${fmt(run.p95)} ms, p99 ${fmt(run.p99)} ms (${run.count} requests${run.errors ? `, ${run.errors} errors: ${run.firstError}` : ''})`,
    );
  }
  const throughputRuns: ThroughputResult[] = [];
  const p50 = medianSummary(latencyRuns).p50;
  if (p50 > SLOW_MS) {
    // Dozens of such requests at once would occupy Neo4j long after the run: report latency only.
    log(`      ${what} throughput not measured: p50 ${fmt(p50)} ms is above ${SLOW_MS} ms`);
    return {
      latency: medianSummary(latencyRuns),
      latencyRuns,
      requestsPerSecond: Number.NaN,
      errors: latencyRuns.reduce((s, l) => s + l.errors, 0),
      throughputRuns,
      skipped: `throughput not measured: p50 above ${SLOW_MS} ms`,
    };
  }
  // One untimed pass first: the JIT of both V8 and the JVM warms up under concurrency too.
  const warm = await throughput(Math.min(3, o.seconds));
  log(`      ${what} throughput warm-up: ${warm.requestsPerSecond.toFixed(0)} req/s (not counted)`);
  for (let r = 0; r < o.runs; r++) {
    const run = await throughput(o.seconds);
    throughputRuns.push(run);
    log(
      `      ${what} throughput run ${r + 1}/${o.runs}: ${run.requestsPerSecond.toFixed(0)} req/s at ${o.connections} connections, ${run.errors} errors${run.firstError ? ` (${run.firstError})` : ''}`,
    );
  }
  return {
    latency: medianSummary(latencyRuns),
    latencyRuns,
    requestsPerSecond: median(throughputRuns.map((t) => t.requestsPerSecond)),
    errors: throughputRuns.reduce((s, t) => s + t.errors, 0),
    throughputRuns,
  };
}

/** Requests that timed out on the client may still run in Neo4j: end them before going on. */
async function endLeftovers(driver: ReturnType<typeof createDriver>): Promise<void> {
  try {
    const n = await terminateLongTransactions(driver);
    if (n > 0) log(`      terminated ${n} transaction(s) still running from timed-out requests`);
  } catch (e) {
    log(`      could not terminate leftover transactions: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const isSide = (x: Side | { error: string }): x is Side => !('error' in x);

async function measureQuery(
  q: BenchQuery,
  apiUrl: string,
  floor: ReturnType<typeof createDriver>,
  subjects: Subjects,
  o: Options,
  onLoad?: { start(): void; stop(): void },
): Promise<QueryResult> {
  const body = (i: number) => JSON.stringify({ query: q.graphql.query, variables: q.graphql.variables(i, subjects) });
  const params = (i: number) => q.cypher.params(i, subjects);
  log(`    ${q.name}`);
  let api: Side | { error: string };
  try {
    api = await measureSide(
      'api  ',
      graphqlCall(apiUrl, body),
      async (seconds) => {
        onLoad?.start();
        try {
          return await httpThroughput(apiUrl, body, { connections: o.connections, seconds });
        } finally {
          onLoad?.stop();
        }
      },
      o,
    );
  } catch (e) {
    api = { error: e instanceof Error ? e.message : String(e) };
  }
  const call = cypherCall(floor, q.cypher.text, params, q.cypher.rowExpected);
  if (!isSide(api)) {
    log(`      ${q.name}: not measured (${api.error})`);
    await endLeftovers(floor);
    // Is the Cypher itself the problem? A short look at the floor, latency only.
    const probe = await latencyRun(call, { n: 3, warmup: 0, maxMs: 10_000 });
    await endLeftovers(floor);
    const floorNote =
      probe.count > 0 && probe.errors === 0 ? `floor p50 ${fmt(probe.p50)} ms over ${probe.count} requests` : `floor: ${probe.firstError ?? 'failed'}`;
    log(`      ${q.name}: ${floorNote}`);
    return { name: q.name, error: `${api.error}; ${floorNote}` };
  }
  const fl = await measureSide('floor', call, (seconds) => callThroughput(call, { concurrency: o.connections, seconds }), o);
  if (!isSide(fl)) {
    await endLeftovers(floor);
    log(`      ${q.name}: floor not measured (${fl.error})`);
    return { name: q.name, api, error: `floor: ${fl.error}` };
  }
  const ratio = { p50: api.latency.p50 / fl.latency.p50, p95: api.latency.p95 / fl.latency.p95, throughput: fl.requestsPerSecond / api.requestsPerSecond };
  log(`      ${q.name}: API/floor p50 ${ratio.p50.toFixed(2)}, p95 ${ratio.p95.toFixed(2)}, floor/API req/s ${ratio.throughput.toFixed(2)}`);
  return { name: q.name, api, floor: fl, ratio };
}

async function measurePeer(uri: string, apiUrl: string, subjects: Subjects, o: Options): Promise<PeerResult> {
  let peer: Server | null = null;
  const driver = createDriver({ uri, user: 'neo4j', database: 'neo4j' });
  try {
    const apoc = await driver.executeQuery('RETURN apoc.version() AS v', {}, { database: 'neo4j' });
    log(`    APOC core ${String(apoc.records[0]?.get('v'))} loaded for the peer`);
    // The peer finds the service with MATCH (:InformationService) WHERE id = …: give it the index a
    // user of @neo4j/graphql would create (ours goes through the Element(id) constraint).
    await driver.executeQuery('CREATE INDEX peer_service_id IF NOT EXISTS FOR (s:InformationService) ON (s.id)', {}, { database: 'neo4j' });
    await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: 'neo4j' });
    peer = await startPeer(uri);
    const peerUrl = peer.url;
    const heatMap = QUERIES.find((q) => q.name === 'heatMap')!;
    const oursBody = (i: number) => JSON.stringify({ query: heatMap.graphql.query, variables: heatMap.graphql.variables(i, subjects) });
    const peerBody = (i: number) => JSON.stringify({ query: PEER_HEAT_MAP_QUERY, variables: { service: subjects.services[i % subjects.services.length] } });
    // Sanity check: the peer finds the elements that apply to the busiest service (before date filters).
    const busiest = JSON.stringify({ query: PEER_HEAT_MAP_QUERY, variables: { service: subjects.busiest.id } });
    const sample = (await (await fetch(peerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: busiest })).json()) as {
      data?: { informationServices?: { appliedByConnection?: { edges?: unknown[] } }[] };
      errors?: { message: string }[];
    };
    if (sample.errors?.length) return { error: `peer: ${sample.errors[0]?.message ?? 'error'}` };
    const found = sample.data?.informationServices?.[0]?.appliedByConnection?.edges?.length ?? 0;
    log(`    peer answers ${subjects.busiest.id} with ${found} applying elements (the map has ${subjects.busiest.applying} APPLIES_TO to it)`);
    const ours = await measureSide(
      'ours ',
      graphqlCall(apiUrl, oursBody),
      (seconds) => httpThroughput(apiUrl, oursBody, { connections: o.connections, seconds }),
      o,
    );
    const theirs = await measureSide(
      'peer ',
      graphqlCall(peerUrl, peerBody),
      (seconds) => httpThroughput(peerUrl, peerBody, { connections: o.connections, seconds }),
      o,
    );
    if (!isSide(ours)) return { error: `ours: ${ours.error}` };
    if (!isSide(theirs)) return { error: `peer: ${theirs.error}`, ours };
    const ratio = { p50: ours.latency.p50 / theirs.latency.p50, requestsPerSecond: ours.requestsPerSecond / theirs.requestsPerSecond };
    log(`    ours/peer: p50 ${ratio.p50.toFixed(2)} (below 1 is faster), req/s ${ratio.requestsPerSecond.toFixed(2)} (above 1 is faster)`);
    return { ours, peer: theirs, ratio };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    await peer?.stop();
    await driver.close();
  }
}

/** One kind of request through the API, latency and throughput, with the size of one answer. */
async function measureNamed(apiUrl: string, name: string, body: (i: number) => string, o: Options): Promise<NamedSide> {
  log(`    ${name}`);
  // The mean size of the first five answers: requests vary over subjects, and so do their sizes.
  let total = 0;
  for (let i = 0; i < 5; i++)
    total += (await (await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) })).arrayBuffer()).byteLength;
  const bytes = Math.round(total / 5);
  const side = await measureSide('api  ', graphqlCall(apiUrl, body), (seconds) => httpThroughput(apiUrl, body, { connections: o.connections, seconds }), o);
  return isSide(side) ? { name, side, bytes } : { name, error: side.error, bytes };
}

const userBody = (q: UserQuery, subjects: Subjects) => (i: number) => JSON.stringify({ query: q.query, variables: q.variables(i, subjects) });
const DEEP_HEAT_MAP = USER_QUERIES.find((q) => q.name === 'deep heat map')!;
/** The deep heat map of the busiest service, the same request every time: every one a cache hit. */
const deepBody = (subjects: Subjects) => JSON.stringify({ query: DEEP_HEAT_MAP.query, variables: { service: subjects.busiest.id } });

async function startBare(bodyFile: string): Promise<Server> {
  return startServer(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
    env: { BODY_FILE: bodyFile, PORT: '0' },
    ready: /^BARE_READY (\S+)/,
    timeoutMs: 60_000,
    log,
    cwd: ROOT,
  });
}

/**
 * The cached deep heat map beside a bare node:http server sending the same bytes, one after the
 * other in the same run, both at the same connections with the same client.
 */
async function measureBare(apiUrl: string, subjects: Subjects, o: Options): Promise<NonNullable<NonNullable<CaseResult['cached']>['bare']>> {
  const body = deepBody(subjects);
  const res = await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const problem = res.ok ? graphqlError(bytes.toString('utf8')) : `HTTP ${res.status}`;
  if (problem) return { bytes: bytes.length, error: problem };
  const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-bare-'));
  const file = join(dir, 'deep-heat-map.json');
  writeFileSync(file, bytes);
  let bare: Server | null = null;
  try {
    bare = await startBare(file);
    const bareUrl = bare.url;
    log(`    deep heat map from the cache (${(bytes.length / 1024).toFixed(0)} KiB) beside bare node:http sending the same bytes`);
    const ours = await measureSide(
      'ours ',
      graphqlCall(apiUrl, () => body),
      (seconds) => httpThroughput(apiUrl, () => body, { connections: o.connections, seconds }),
      o,
    );
    const theirs = await measureSide(
      'bare ',
      graphqlCall(bareUrl, () => body),
      (seconds) => httpThroughput(bareUrl, () => body, { connections: o.connections, seconds }),
      o,
    );
    if (!isSide(ours)) return { bytes: bytes.length, error: `ours: ${ours.error}` };
    if (!isSide(theirs)) return { bytes: bytes.length, ours, error: `bare: ${theirs.error}` };
    log(`    cached/bare req/s ${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(2)}`);
    return { bytes: bytes.length, ours, bare: theirs };
  } finally {
    await bare?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The views the web map asks most and what users send, against an API with the response cache on, as it ships. */
async function measureCached(uri: string, subjects: Subjects, o: Options): Promise<NonNullable<CaseResult['cached']>> {
  const api = await startApi(uri, CACHE_TTL_MS);
  try {
    const queries: NamedSide[] = [];
    for (const q of QUERIES.filter((v) => CACHED_VIEWS.includes(v.name))) {
      queries.push(await measureNamed(api.url, q.name, (i) => JSON.stringify({ query: q.graphql.query, variables: q.graphql.variables(i, subjects) }), o));
    }
    for (const q of USER_QUERIES) queries.push(await measureNamed(api.url, q.name, userBody(q, subjects), o));
    const bare = await measureBare(api.url, subjects, o);
    if (bare.error) log(`    bare comparison not measured: ${bare.error}`);
    return { queries, ttlMs: CACHE_TTL_MS, bare };
  } finally {
    await api.stop();
  }
}

/** Node 24 beside the Node that runs the bench: the heat map with the cache off, the deep heat map from the cache. */
async function measureNode24(uri: string, subjects: Subjects, o: Options): Promise<NonNullable<CaseResult['node24']>> {
  const node = node24Binary(ROOT, log);
  if ('skipped' in node) return node;
  log(`  Node ${node.version}: heatMap without the cache, deep heat map from the cache`);
  const queries: NamedSide[] = [];
  const heatMap = QUERIES.find((q) => q.name === 'heatMap')!;
  let api = await startApi(uri, 0, node.path);
  try {
    const body = (i: number) => JSON.stringify({ query: heatMap.graphql.query, variables: heatMap.graphql.variables(i, subjects) });
    // Untimed: V8's JIT warms up as in the main run.
    await httpThroughput(api.url, body, { connections: 8, seconds: o.quick ? 1 : 3 });
    queries.push(await measureNamed(api.url, 'heatMap', body, o));
  } finally {
    await api.stop();
  }
  api = await startApi(uri, CACHE_TTL_MS, node.path);
  try {
    queries.push(await measureNamed(api.url, 'deep heat map (cached)', () => deepBody(subjects), o));
  } finally {
    await api.stop();
  }
  return { version: node.version, queries };
}

let node24Measured = false;

/** Everything measured on one loaded map. */
async function measureCase(label: string, map: BenchMap, synthetic: boolean, loadRuns: number, o: Options, generateMs?: number): Promise<CaseResult> {
  log(`${label}: ${map.elements} elements, ${map.relationships} relationships (load average ${loadavg()[0]!.toFixed(1)})`);
  const loadStart = loadavg()[0]!;
  const loadMs: number[] = [];
  let loaded: Awaited<ReturnType<typeof load>> | null = null;
  for (let r = 0; r < loadRuns; r++) {
    if (loaded) {
      await loaded.embedded.stop();
      rmSync(loaded.storeDir, { recursive: true, force: true });
    }
    log(
      `  load ${r + 1}/${loadRuns} into a fresh store with ${o.loadMethod === 'import' ? "Neo4j's bulk importer" : 'writeMap'} (heap ${HEAP_MB} MiB, page cache ${map.elements >= LARGE ? LARGE_PAGE_CACHE_MB : PAGE_CACHE_MB} MiB)…`,
    );
    loaded = await load(map, label, o.peer ? peerPlugins() : undefined, o);
    loadMs.push(loaded.ms);
    log(`  loaded in ${(loaded.ms / 1000).toFixed(1)} s`);
  }
  const { embedded, storeDir } = loaded!;
  const subjects = map.subjects;
  const floor = createDriver({ uri: embedded.uri, user: 'neo4j', database: 'neo4j' });
  let api: Server | null = null;
  try {
    const cypher = cypherSnapshot();
    api = await startApi(embedded.uri, 0);
    const changed = QUERIES.filter((q) => cypher[q.name] !== q.cypher.text).map((q) => q.name);
    if (changed.length > 0) log(`  api/cypher changed since the benchmark started (${changed.join(', ')}): the floor sends the current text`);
    const apiPid = api.child.pid!;
    log(`  API at ${api.url} (ready in ${(api.readyMs / 1000).toFixed(1)} s)`);
    // Untimed: every view through the API and through the driver, so the first view measured does
    // not pay for warming V8's and the JVM's JIT on behalf of the others.
    const warmSeconds = o.quick ? 1 : 3;
    for (const q of QUERIES) {
      const text = cypher[q.name] ?? q.cypher.text;
      await httpThroughput(api.url, (i) => JSON.stringify({ query: q.graphql.query, variables: q.graphql.variables(i, subjects) }), {
        connections: 8,
        seconds: warmSeconds,
      });
      await callThroughput(
        cypherCall(floor, text, (i) => q.cypher.params(i, subjects), false),
        { concurrency: 8, seconds: warmSeconds },
      );
    }
    await endLeftovers(floor);
    log(`  warmed up (${warmSeconds} s per view, API and driver)`);
    await new Promise((r) => setTimeout(r, 1000));
    const rss = { restNodeMb: rssMb(apiPid) ?? 0, restJavaMb: rssMb(embedded.pid) ?? 0, loadNodeMb: 0, loadJavaMb: 0 };
    log(`  RSS at rest: node ${rss.restNodeMb.toFixed(0)} MiB, JVM ${rss.restJavaMb.toFixed(0)} MiB`);
    let samplers: { stop(): number }[] = [];
    const onLoad = {
      start: () => {
        samplers = [peakSampler(() => rssMb(apiPid)), peakSampler(() => rssMb(embedded.pid))];
      },
      stop: () => {
        const [n, j] = samplers.map((s) => s.stop());
        rss.loadNodeMb = Math.max(rss.loadNodeMb, n ?? 0);
        rss.loadJavaMb = Math.max(rss.loadJavaMb, j ?? 0);
      },
    };
    const queries: QueryResult[] = [];
    for (const current of QUERIES) {
      const q = { ...current, cypher: { ...current.cypher, text: cypher[current.name] ?? current.cypher.text } };
      queries.push(await measureQuery(q, api.url, floor, subjects, o, q.name === 'heatMap' ? onLoad : undefined));
      await endLeftovers(floor);
    }
    const after = cypherSnapshot();
    const changedDuring = QUERIES.filter((q) => after[q.name] !== cypher[q.name]).map((q) => q.name);
    if (changedDuring.length > 0)
      log(`  warning: api/cypher changed while this map was measured (${changedDuring.join(', ')}); the API kept the text it started with`);
    log(`  RSS under load (heatMap, ${o.connections} connections): node ${rss.loadNodeMb.toFixed(0)} MiB, JVM ${rss.loadJavaMb.toFixed(0)} MiB`);
    log('  what users send, without the cache');
    const users: NamedSide[] = [];
    for (const q of USER_QUERIES) users.push(await measureNamed(api.url, q.name, userBody(q, subjects), o));
    await endLeftovers(floor);
    let peer: PeerResult | undefined;
    if (o.peer) {
      log('  peer: @neo4j/graphql over the same store, heat map');
      peer = await measurePeer(embedded.uri, api.url, subjects, o);
      if (peer.error) log(`    peer not measured: ${peer.error}`);
    }
    await api.stop();
    api = null;
    log(`  with the response cache (TTL ${CACHE_TTL_MS} ms, the default)`);
    const cached = await measureCached(embedded.uri, subjects, o);
    // Node 24 on one map only (the real one, else the first synthetic), to keep the run short.
    const node24 = o.node24 && (!synthetic || !o.real) && !node24Measured ? await measureNode24(embedded.uri, subjects, o) : undefined;
    if (node24) node24Measured = true;
    if (node24 && 'skipped' in node24) log(`  Node 24 not measured: ${node24.skipped}`);
    return {
      label,
      synthetic,
      elements: map.elements,
      relationships: map.relationships,
      loadMethod: o.loadMethod,
      pageCacheMb: map.elements >= LARGE ? LARGE_PAGE_CACHE_MB : PAGE_CACHE_MB,
      ...(generateMs !== undefined ? { generateMs } : {}),
      loadMs,
      loadMedianMs: median(loadMs),
      loadAverage: { start: loadStart, end: loadavg()[0]! },
      rss,
      queries,
      ...(changedDuring.length > 0 ? { cypherChangedDuring: changedDuring } : {}),
      ...(peer ? { peer } : {}),
      cached,
      users,
      ...(node24 ? { node24 } : {}),
    };
  } finally {
    await api?.stop();
    await floor.close();
    await embedded.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

/** Several runs as one: later runs replace earlier figures for the same map and add new ones. */
function mergeResults(runs: BenchResults[]): BenchResults {
  const [first, ...rest] = runs;
  if (!first) throw new Error('--render needs a results file');
  const merged: BenchResults = { ...first, cases: [...first.cases] };
  for (const r of rest) {
    for (const c of r.cases) {
      const i = merged.cases.findIndex((m) => m.label === c.label);
      if (i >= 0) merged.cases[i] = c;
      else merged.cases.push(c);
    }
    if (!('skipped' in r.startup)) merged.startup = r.startup;
    if (r.finishedAt > merged.finishedAt) merged.finishedAt = r.finishedAt;
    merged.options = { ...merged.options, sizes: [...new Set([...merged.options.sizes, ...r.options.sizes])].sort((a, b) => a - b) };
  }
  merged.cases.sort((a, b) => Number(a.synthetic) - Number(b.synthetic) || a.elements - b.elements);
  return merged;
}

function realMap(): GraphMap | string {
  try {
    const map = readSeedDirectory();
    if (map.elements.length === 0) return 'graph-seed/data has no elements yet';
    return map;
  } catch (e) {
    return `graph-seed/data cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

async function main(): Promise<void> {
  const o = options();
  if (o.render) {
    const files = o.render.split(',').map((f) => f.trim());
    const merged = mergeResults(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchResults));
    merged.targets = evaluateTargets(merged);
    writeFileSync(join(ROOT, 'docs/performance.md'), renderMarkdown(merged, files.map((f) => relative(ROOT, resolve(f))).join('`, `')));
    log(`docs/performance.md written from ${files.join(', ')}`);
    return;
  }
  const startedAt = new Date().toISOString();
  const m = machine();
  log(`machine: ${m.cpus} CPUs (${m.model}), ${m.ramGiB} GiB RAM, node ${m.node}, ${m.java}, load average ${m.loadAverage.toFixed(1)}`);
  if (m.loadAverage > m.cpus)
    log(`warning: the machine is busy (load average ${m.loadAverage.toFixed(1)} on ${m.cpus} CPUs); figures will be slower and noisier`);
  log(
    `sizes ${o.sizes.join(', ') || 'none'}; ${o.runs} run(s) of each figure; ${o.requests} requests at concurrency 1; ${o.seconds} s at ${o.connections} connections`,
  );
  const results: BenchResults = {
    startedAt,
    finishedAt: startedAt,
    machine: m,
    options: {
      sizes: o.sizes,
      runs: o.runs,
      requests: o.requests,
      seconds: o.seconds,
      connections: o.connections,
      heapMb: HEAP_MB,
      pageCacheMb: PAGE_CACHE_MB,
      quick: o.quick,
    },
    cases: [],
    realMap: null,
    startup: { skipped: 'not asked for (--no-start)' },
    targets: [],
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `${startedAt.replace(/[:.]/g, '-')}.json`);
  // Written after every step, so an interrupted run still leaves what it measured.
  const save = (done: boolean) => {
    results.finishedAt = new Date().toISOString();
    results.targets = evaluateTargets(results);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(ROOT, 'docs/performance.md'), renderMarkdown(results, file.slice(ROOT.length + 1), done));
  };

  if (o.start) {
    log('start of the app (npx tsx api/main.ts, embedded Neo4j with its defaults)…');
    const real = realMap();
    const { cold, warm } = await measureStarts(o.runs, log);
    results.startup = {
      cold,
      warm,
      coldMedianMs: median(cold.map((r) => r.readyHttpMs)),
      warmMedianMs: median(warm.map((r) => r.readyHttpMs)),
      seedElements: typeof real === 'string' ? 0 : real.elements.length,
    };
    save(false);
  }
  if (o.real) {
    const real = realMap();
    if (typeof real === 'string') {
      results.realMap = { skipped: real };
      log(`real map: skipped (${real})`);
    } else {
      results.cases.push(await measureCase('real map', benchMap(real), false, o.runs, o));
    }
    save(false);
  }
  for (const size of o.sizes) {
    const g0 = performance.now();
    let map: BenchMap;
    if (size > STREAM_ABOVE) {
      // Streamed: generated once here for the requests' subjects, again while the CSV is written.
      map = streamedBenchMap(size);
    } else {
      const full = generateSyntheticMap({ elements: size, seed: 42 });
      const problems = checkMap(full);
      if (problems.length > 0) throw new Error(`synthetic map of ${size} is invalid: ${problems[0]}`);
      map = benchMap(full);
    }
    const generateMs = performance.now() - g0;
    // Large maps take a while to load: one load run there unless several are asked for.
    const loadRuns = size >= 100_000 && !process.argv.includes('--runs') ? 1 : o.runs;
    results.cases.push(await measureCase(`synthetic ${size}`, map, true, loadRuns, o, generateMs));
    save(false);
  }
  save(true);
  log(`results: ${file}`);
  log('table: docs/performance.md');
  for (const t of results.targets)
    log(`  ${t.met === null ? 'n/a   ' : t.met ? 'met   ' : 'missed'} ${t.target}: ${t.measured}${t.note ? ` (${t.note})` : ''}`);
}

// Ctrl-C: exit normally so the exit hooks stop the JVMs and servers this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
  await main();
  process.exit(0);
} catch (e) {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
}
