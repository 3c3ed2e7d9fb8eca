/**
 * The one place the API talks to Neo4j. Reads go through `read` (routed as READ, so a cluster
 * serves them from followers); each write is one managed transaction through `write`. Every call
 * is one round trip, counted per request so tests and the X-Cypher-Round-Trips header can show
 * that a view costs a constant number of queries.
 *
 * Availability: when Neo4j cannot be reached (a call fails with ServiceUnavailable or
 * SessionExpired, or the embedded JVM's supervisor reports it gone) the database is marked down;
 * from then on every call fails at once with DatabaseUnavailableError instead of waiting for the
 * driver's retries, and a probe every PROBE_INTERVAL_MS marks it up again as soon as Neo4j answers.
 */
import neo4j, { Neo4jError, type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { Query, type Params, type Row } from './query';

export type { Params, Row } from './query';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password?: string | undefined;
  database: string;
}

export function createDriver(c: Neo4jConnection): Driver {
  const auth = c.password ? neo4j.auth.basic(c.user, c.password) : undefined;
  return neo4j.driver(c.uri, auth, {
    // Element data holds no integers beyond 2^53; plain numbers keep the records simple.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 64,
    connectionAcquisitionTimeout: 20_000,
    // Fail fast while Neo4j is unreachable: a refused or silent connection attempt gives up after
    // 1 s, and a failed transaction gets one retry after about 1 s (the default 30 s made every
    // request hang that long during an outage). Deadlocks and leader switches still get a retry.
    connectionTimeout: 1_000,
    maxTransactionRetryTime: 500,
  });
}

/** The parameters a query takes: optional when it takes none. */
export type ParamsOf<P extends Params> = Record<string, never> extends P ? [params?: P] : [params: P];

/** A query bound to its parameters, for `readAll`. */
export interface Bound<R extends Row = Row> {
  cypher: string;
  params: Params;
  /** Never set: the row type, for the type checker. */
  row?: R;
}

/** `query` with its parameters, for `readAll`. */
export function bind<P extends Params, R extends Row>(query: Query<P, R>, ...[params]: ParamsOf<P>): Bound<R> {
  return { cypher: query.cypher, params: params ?? {} };
}

/**
 * What reads and writes need: the shared Database, or one request's counting handle. A query
 * defined with `defineQuery` gives typed rows; a bare text (tests, one-off checks) gives `Row`s.
 */
export interface Queries {
  read<P extends Params, R extends Row>(query: Query<P, R>, ...params: ParamsOf<P>): Promise<R[]>;
  read(cypher: string, params?: Params): Promise<Row[]>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

const textOf = (query: Query | string): string => (typeof query === 'string' ? query : query.cypher);

/** Neo4j cannot be reached now; the API answers SERVICE_UNAVAILABLE (HTTP 503 when nothing else came back). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Errors that mean "no server to talk to", as opposed to a bad query or a constraint. */
export function isUnavailable(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  return e instanceof Neo4jError && (e.code === neo4j.error.SERVICE_UNAVAILABLE || e.code === neo4j.error.SESSION_EXPIRED);
}

/** How often a database marked down is probed; /ready reflects a recovery within this. */
export const PROBE_INTERVAL_MS = 250;
/** /ready's own query gives up after this (a half-open connection must not hang the check). */
const READY_TIMEOUT_MS = 900;

/** Database access shared by all requests (one driver per process). */
export class Database implements Queries {
  #generation = 0;
  #down: string | null = null;
  /** Down on the supervisor's word: no probing until it says the JVM is back (see hold). */
  #held = false;
  #probe: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  /** Called when the availability changes (logging). */
  onAvailabilityChange: ((available: boolean, reason: string) => void) | null = null;

  /**
   * Every read and write of this process passes the bookmarks of the writes before it: on a
   * cluster a read waits until its reader has applied them, so an analyst's read after their own
   * write sees it (a single server has applied every commit anyway). The driver's own manager, so
   * `executeQuery` calls (setup, probes) take part too.
   */
  readonly #bookmarks: BookmarkManager;

  constructor(
    readonly driver: Driver,
    readonly database: string,
  ) {
    this.#bookmarks = driver.executeQueryBookmarkManager;
  }

  /** Null while Neo4j is believed reachable; else why not. */
  get unavailableReason(): string | null {
    return this.#down;
  }

  /** Mark Neo4j unreachable (a failed call, or the supervisor saw the JVM exit) and start probing. */
  markDown(reason: string): void {
    if (this.#closed) return;
    if (this.#down === null) {
      this.#down = reason;
      this.onAvailabilityChange?.(false, reason);
    }
    if (!this.#held) this.#scheduleProbe(PROBE_INTERVAL_MS);
  }

  /**
   * The embedded JVM is gone: down until `release`. While a restarted Neo4j recovers its store,
   * Bolt may already accept connections; only the supervisor knows when the database is ready.
   */
  hold(reason: string): void {
    this.#held = true;
    if (this.#probe) clearTimeout(this.#probe);
    this.#probe = null;
    if (this.#down === null && !this.#closed) {
      this.#down = reason;
      this.onAvailabilityChange?.(false, reason);
    }
  }

  /** The supervisor's JVM is ready again: probe at once. */
  release(): void {
    this.#held = false;
    if (this.#down !== null) this.#scheduleProbe(0);
  }

  #scheduleProbe(delay: number): void {
    if (this.#probe) clearTimeout(this.#probe);
    this.#probe = setTimeout(() => {
      this.#probe = null;
      // A query, not just a handshake: the database itself must answer.
      void this.driver.executeQuery('RETURN 1', {}, { database: this.database, routing: neo4j.routing.READ }).then(
        () => {
          if (this.#closed || this.#held || this.#down === null) return;
          this.#down = null;
          this.onAvailabilityChange?.(true, 'Neo4j answers again');
        },
        () => {
          if (!this.#closed && !this.#held && this.#down !== null) this.#scheduleProbe(PROBE_INTERVAL_MS);
        },
      );
    }, delay);
    this.#probe.unref();
  }

  #check(): void {
    if (this.#down !== null) throw new DatabaseUnavailableError(`Neo4j is unavailable: ${this.#down}`);
  }

  /** Turns "no server" failures into DatabaseUnavailableError and marks the database down. */
  #unavailable(e: unknown): unknown {
    if (!isUnavailable(e)) return e;
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    this.markDown(reason);
    return e instanceof DatabaseUnavailableError ? e : new DatabaseUnavailableError(`Neo4j is unavailable: ${reason}`, { cause: e });
  }

  /** Stop probing and close the driver. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#probe) clearTimeout(this.#probe);
    await this.driver.close();
  }

  /**
   * Goes up by one after each write transaction of this process. The response cache keys on it,
   * so any write here makes every cached read a miss (api/yoga.ts).
   */
  get generation(): number {
    return this.#generation;
  }

  /**
   * One read query, one round trip, routed to a reader. An auto-commit query, not a managed
   * transaction (`executeQuery`): RUN and PULL go out in one write, where a transaction adds BEGIN
   * and COMMIT and a second exchange with the server (a profile of the real map put a fifth of the
   * API's time in those socket writes). A failure the server marks safe to repeat is retried once
   * by the driver.
   */
  read<P extends Params, R extends Row>(query: Query<P, R>, ...params: ParamsOf<P>): Promise<R[]>;
  read(cypher: string, params?: Params): Promise<Row[]>;
  async read(query: Query | string, params: Params = {}): Promise<Row[]> {
    this.#check();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, bookmarkManager: this.#bookmarks });
    try {
      const result = await session.run(textOf(query), params);
      return result.records.map((r) => r.toObject());
    } catch (e) {
      throw this.#unavailable(e);
    } finally {
      await session.close();
    }
  }

  /** Several read queries in one read transaction: one consistent snapshot (backups, exports). */
  async readAll<const Q extends readonly Bound[]>(queries: Q): Promise<{ -readonly [K in keyof Q]: Q[K] extends Bound<infer R> ? R[] : never }> {
    this.#check();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, bookmarkManager: this.#bookmarks });
    try {
      const out = await session.executeRead(async (tx) => {
        const all: Row[][] = [];
        for (const q of queries) all.push((await tx.run(q.cypher, q.params)).records.map((r) => r.toObject()));
        return all;
      });
      // Each entry holds the rows of the query at the same place, as Bound's row type promises.
      return out as { -readonly [K in keyof Q]: Q[K] extends Bound<infer R> ? R[] : never };
    } catch (e) {
      throw this.#unavailable(e);
    } finally {
      await session.close();
    }
  }

  /**
   * One write transaction. The work may be retried by the driver: keep it free of side effects.
   * The generation goes up once it has finished, failed ones included: a commit whose answer was
   * lost may still have written, and a needless cache miss costs little.
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.#check();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE, bookmarkManager: this.#bookmarks });
    try {
      return await session.executeWrite(work);
    } catch (e) {
      throw this.#unavailable(e);
    } finally {
      this.#generation += 1;
      await session.close();
    }
  }

  /**
   * For /ready: false at once while marked down, else whether `RETURN 1` answers within
   * READY_TIMEOUT_MS (a failure marks the database down).
   */
  async ready(): Promise<boolean> {
    if (this.#down !== null) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((ok) => {
      timer = setTimeout(() => ok(false), READY_TIMEOUT_MS);
    });
    const query = this.driver.executeQuery('RETURN 1', {}, { database: this.database, routing: neo4j.routing.READ }).then(
      () => true,
      (e: unknown) => {
        this.#unavailable(e);
        return false;
      },
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A handle for one request that counts its own round trips. */
  forRequest(): RequestDatabase {
    return new RequestDatabase(this);
  }
}

/**
 * One GraphQL request's access to the database: every read and write through it is counted, so
 * the X-Cypher-Round-Trips header covers all of the request's queries (the token lookup too)
 * without a counter passed from call to call.
 */
export class RequestDatabase implements Queries {
  #roundTrips = 0;

  constructor(readonly shared: Database) {}

  get roundTrips(): number {
    return this.#roundTrips;
  }

  read<P extends Params, R extends Row>(query: Query<P, R>, ...params: ParamsOf<P>): Promise<R[]>;
  read(cypher: string, params?: Params): Promise<Row[]>;
  read(query: Query | string, params: Params = {}): Promise<Row[]> {
    this.#roundTrips += 1;
    return this.shared.read(textOf(query), params);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.#roundTrips += 1;
    return this.shared.write(work);
  }
}
