/** The shape of bench/results/<timestamp>.json (what docs/performance.md is written from). */
import type { LatencyResult, ThroughputResult } from './measure';
import type { LatencySummary } from './stats';
import type { StartRun } from './startup';

export interface Machine {
  cpus: number;
  model: string;
  ramGiB: number;
  node: string;
  java: string;
  platform: string;
  /** 1-minute load average when the run started (other work on the machine skews every figure). */
  loadAverage: number;
}

export interface Side {
  /** Median over runs of each latency figure (ms), concurrency 1. */
  latency: LatencySummary;
  latencyRuns: LatencyResult[];
  /** Median over runs of requests per second at `connections`. */
  requestsPerSecond: number;
  /** Errors summed over the throughput runs (transport, non-2xx and GraphQL errors). */
  errors: number;
  throughputRuns: ThroughputResult[];
  /** Why there are no throughput figures, if there are none. */
  skipped?: string;
}

export interface QueryResult {
  name: string;
  /** Set when the query could not be measured (e.g. its resolver fails or is not there yet). */
  error?: string;
  api?: Side;
  floor?: Side;
  /** API over floor: latency p50 and p95; throughput as floor req/s over API req/s. */
  ratio?: { p50: number; p95: number; throughput: number };
}

export interface PeerResult {
  error?: string;
  ours?: Side;
  peer?: Side;
  /** Ours over peer: p50 latency (below 1 is faster) and req/s (above 1 is faster). */
  ratio?: { p50: number; requestsPerSecond: number };
}

export interface CaseResult {
  label: string;
  synthetic: boolean;
  elements: number;
  relationships: number;
  generateMs?: number;
  /**
   * Load into a fresh store, per run: Neo4j's bulk importer (CSV, import, start, constraints and
   * indexes, the rest with Cypher) or writeMap (schema, then CREATE); `loadMethod` says which.
   */
  loadMs: number[];
  /** Absent in results from before the bulk importer: writeMap. */
  loadMethod?: 'import' | 'cypher';
  /** The embedded Neo4j's page cache for this map (larger from a million elements). */
  pageCacheMb?: number;
  loadMedianMs: number;
  /** 1-minute load average of the machine when this map's measurements started and ended. */
  loadAverage: { start: number; end: number };
  rss: { restNodeMb: number; restJavaMb: number; loadNodeMb: number; loadJavaMb: number };
  queries: QueryResult[];
  /** Views whose Cypher file changed while this map was measured (the API kept what it started with). */
  cypherChangedDuring?: string[];
  peer?: PeerResult;
  /**
   * The same requests against an API with the response cache at its default TTL (every other
   * figure is with the cache off, so the API/floor and peer ratios compare query work).
   */
  cached?: {
    queries: NamedSide[];
    ttlMs: number;
    /**
     * The cached deep heat map of the busiest service (every request a hit) beside a bare
     * `node:http` server sending the same bytes, in the same run: how near the cache is to the limit.
     */
    bare?: { bytes: number; ours?: Side; bare?: Side; error?: string };
  };
  /** What users send (bench/queries.ts USER_QUERIES) through the API with the cache off. */
  users?: NamedSide[];
  /** The same API under Node 24: the heat map without the cache, the deep heat map from the cache. */
  node24?: { version: string; queries: NamedSide[] } | { skipped: string };
}

/** One measured request kind; `bytes` is the mean size of its first five answers where recorded. */
export interface NamedSide {
  name: string;
  side?: Side;
  error?: string;
  bytes?: number;
}

export interface TargetResult {
  target: string;
  measured: string;
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  options: { sizes: number[]; runs: number; requests: number; seconds: number; connections: number; heapMb: number; pageCacheMb: number; quick: boolean };
  cases: CaseResult[];
  realMap: { skipped: string } | null;
  startup: { cold: StartRun[]; warm: StartRun[]; coldMedianMs: number; warmMedianMs: number; seedElements: number } | { skipped: string };
  targets: TargetResult[];
}
