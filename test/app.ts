/**
 * Integration-test helpers: the real server (HTTP on a free port) against the run's Neo4j, and a
 * small GraphQL client that returns the body, the status and the Cypher round trips.
 */
import { inject } from 'vitest';
import { loadConfig, type Config } from '../api/config';
import { startApp, type RunningApp } from '../api/app';
import { ROUND_TRIPS_HEADER } from '../api/yoga';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
  roundTrips: number;
}

export interface TestApp extends RunningApp {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
}

export async function startTestApp(overrides: Partial<Record<keyof Config, string>> = {}): Promise<TestApp> {
  const neo4j = inject('neo4j');
  const config = loadConfig({
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    // The response cache off unless a test asks for it: tests write with Cypher straight to Neo4j
    // (seeding, clean-up, fixtures), which the cache cannot see, and would then read stale answers.
    RESPONSE_CACHE_TTL_MS: '0',
    // Test files send many bad tokens on purpose from one address; test/security.test.ts sets a limit.
    BAD_TOKEN_LIMIT: '0',
    ...overrides,
  });
  const app = await startApp(config, () => {});
  return {
    ...app,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string) {
      const res = await fetch(`${app.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
      return { status: res.status, ...body, roundTrips: Number(res.headers.get(ROUND_TRIPS_HEADER) ?? 'NaN') };
    },
  };
}
