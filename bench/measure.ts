/**
 * The measurements: latency at concurrency 1 (sequential requests, each timed from send to the
 * last byte of the body) and throughput at N connections (autocannon over HTTP; a pool of
 * concurrent callers for the raw Cypher floor). GraphQL answers with `errors` count as errors.
 */
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import { summarize, type LatencySummary } from './stats';

export interface LatencyResult extends LatencySummary {
  errors: number;
  firstError?: string;
}

export interface ThroughputResult {
  requestsPerSecond: number;
  requests: number;
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  latencyP50: number;
  latencyP99: number;
  firstError?: string;
}

/** One caller: does request i, resolves with an error message or null. */
export type Call = (i: number) => Promise<string | null>;

/** How long one request may take before it counts as an error (a view that slow has failed anyway). */
export const REQUEST_TIMEOUT_MS = 30_000;

export function graphqlCall(url: string, body: (i: number) => string): Call {
  return async (i) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(i),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (!res.ok) return `HTTP ${res.status}: ${text.slice(0, 300)}`;
      return graphqlError(text);
    } catch (e) {
      return e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : String(e);
    }
  };
}

/** The first GraphQL error of a response body, or null. */
export function graphqlError(text: string): string | null {
  if (!text.includes('"errors"')) return null;
  try {
    const parsed = JSON.parse(text) as { errors?: { message?: string; path?: unknown }[] };
    const e = parsed.errors?.[0];
    return e ? `${e.message ?? 'error'}${e.path ? ` at ${JSON.stringify(e.path)}` : ''}` : null;
  } catch {
    return null;
  }
}

/**
 * The floor: the view's Cypher as an auto-commit query in a READ session, the way the API runs it
 * (Database.read), so the floor is the cheapest call the driver offers and API/floor compares like
 * with like (`executeQuery`'s managed transaction adds BEGIN and COMMIT).
 */
export function cypherCall(driver: Driver, cypher: string, params: (i: number) => Record<string, unknown>, rowExpected = true): Call {
  return async (i) => {
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(cypher, params(i), { timeout: REQUEST_TIMEOUT_MS });
      return rowExpected && result.records.length === 0 ? 'no rows' : null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    } finally {
      await session.close();
    }
  };
}

/**
 * Sequential requests (concurrency 1): up to `warmup` untimed ones (for at most a third of
 * `maxMs`), then up to `n` timed ones or until `maxMs` has passed. An error in the warm-up ends
 * the run with no timings (the query does not work).
 */
export async function latencyRun(call: Call, options: { n: number; warmup: number; maxMs: number; offset?: number }): Promise<LatencyResult> {
  const offset = options.offset ?? 0;
  let errors = 0;
  let firstError: string | undefined;
  const warmupUntil = performance.now() + options.maxMs / 3;
  for (let i = 0; i < options.warmup && performance.now() < warmupUntil; i++) {
    const err = await call(offset + i);
    if (err) return { ...summarize([]), errors: 1, firstError: err };
  }
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.n; i++) {
    const t0 = performance.now();
    const err = await call(offset + options.warmup + i);
    times.push(performance.now() - t0);
    if (err) {
      errors += 1;
      firstError ??= err;
    }
    if (performance.now() - started > options.maxMs) break;
  }
  return { ...summarize(times), errors, ...(firstError ? { firstError } : {}) };
}

/** autocannon at `connections` for `seconds`, the bodies varying per request. */
export async function httpThroughput(url: string, body: (i: number) => string, options: { connections: number; seconds: number }): Promise<ThroughputResult> {
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const result = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: options.connections,
        duration: options.seconds,
        timeout: REQUEST_TIMEOUT_MS / 1000,
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: body(next++) }),
            onResponse: (status, text) => {
              if (status !== 200) {
                firstError ??= `HTTP ${status}: ${text.slice(0, 200)}`;
                return;
              }
              const err = graphqlError(text);
              if (err) {
                graphqlErrors += 1;
                firstError ??= err;
              }
            },
          },
        ],
      },
      (err: Error | null, res: autocannon.Result) => (err ? fail(err) : ok(res)),
    );
    instance.on('reqError', (e: unknown) => {
      firstError ??= e instanceof Error ? e.message : String(e);
    });
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + graphqlErrors,
    non2xx: result.non2xx,
    graphqlErrors,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    ...(firstError ? { firstError } : {}),
  };
}

/** `concurrency` callers in a loop for `seconds` (the driver's pool holds 64 connections). */
export async function callThroughput(call: Call, options: { concurrency: number; seconds: number }): Promise<ThroughputResult> {
  let next = 0;
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const times: number[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const err = await call(next++);
        times.push(performance.now() - t0);
        requests += 1;
        if (err) {
          errors += 1;
          firstError ??= err;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const s = summarize(times);
  return {
    requestsPerSecond: requests / elapsed,
    requests,
    errors,
    non2xx: 0,
    graphqlErrors: 0,
    latencyP50: s.p50,
    latencyP99: s.p99,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * Terminate transactions running longer than `olderThanMs` (left behind by requests that timed
 * out on the client), so they do not slow the next measurement. Returns how many were ended.
 */
export async function terminateLongTransactions(driver: Driver, olderThanMs = 5000): Promise<number> {
  const { records } = await driver.executeQuery(
    `SHOW TRANSACTIONS YIELD transactionId, elapsedTime, currentQuery
     WHERE elapsedTime.milliseconds > $olderThanMs AND NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
     RETURN collect(transactionId) AS ids`,
    { olderThanMs },
    { database: 'neo4j' },
  );
  const ids = (records[0]?.get('ids') ?? []) as string[];
  if (ids.length > 0) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, { database: 'neo4j' });
  return ids.length;
}
