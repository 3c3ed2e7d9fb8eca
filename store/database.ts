/**
 * The one place the API talks to Neo4j. Reads go through `read` (routed as READ, so a cluster
 * serves them from followers); each write is one managed transaction through `write`. Every call
 * is one round trip, counted per request so tests and the X-Cypher-Round-Trips header can show
 * that a view costs a constant number of queries.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

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
  });
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** What reads and writes need: the shared Database, or one request's counting handle. */
export interface Queries {
  read(cypher: string, params?: Params): Promise<Row[]>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

/** Database access shared by all requests (one driver per process). */
export class Database implements Queries {
  #generation = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
  ) {}

  /**
   * Goes up by one after each write transaction of this process. The response cache keys on it,
   * so any write here makes every cached read a miss (api/yoga.ts).
   */
  get generation(): number {
    return this.#generation;
  }

  /** One read query, one round trip, routed to a reader. */
  async read(cypher: string, params: Params = {}): Promise<Row[]> {
    const result = await this.driver.executeQuery(cypher, params, { database: this.database, routing: neo4j.routing.READ });
    return result.records.map((r) => r.toObject());
  }

  /**
   * One write transaction. The work may be retried by the driver: keep it free of side effects.
   * The generation goes up once it has finished, failed ones included: a commit whose answer was
   * lost may still have written, and a needless cache miss costs little.
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      this.#generation += 1;
      await session.close();
    }
  }

  async ready(): Promise<boolean> {
    try {
      await this.driver.executeQuery('RETURN 1', {}, { database: this.database, routing: neo4j.routing.READ });
      return true;
    } catch {
      return false;
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

  read(cypher: string, params: Params = {}): Promise<Row[]> {
    this.#roundTrips += 1;
    return this.shared.read(cypher, params);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.#roundTrips += 1;
    return this.shared.write(work);
  }
}
