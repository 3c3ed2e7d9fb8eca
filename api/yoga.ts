/**
 * Builds the GraphQL server (no listening here; see main.ts): executable schema from the
 * published SDL and the resolvers, a typed per-request context, GraphQL Armor limits, masked
 * errors, CORS, GraphiQL/introspection switches and the response cache for anonymous reads.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, maskError, useReadinessCheck, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { defaultBuildResponseCacheKey } from '@envelop/response-cache';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { buildSdl } from '../schema/sdl';
import type { Config } from './config';
import type { AppContext, Context } from './context';
import { createLoaders } from './loaders';
import type { Database } from '../store/database';
import { resolvers } from './resolvers';
import { authenticate, type AuthResult } from './auth/authenticate';
import { BadTokenLimiter } from './auth/bad-tokens';
import { useInputErrors } from './input-errors';
import { unavailableError, useUnavailable } from './unavailable';

export type YogaOptions = Pick<Config, 'CORS_ORIGINS' | 'GRAPHIQL' | 'INTROSPECTION' | 'RESPONSE_CACHE_TTL_MS'>;

export const ROUND_TRIPS_HEADER = 'x-cypher-round-trips';
/** `hit` or `miss` on an anonymous GraphQL response while the response cache is on; absent otherwise. */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/** Set by the response cache plugin on a result it served from its cache. */
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

/** The executable schema: the SDL generated from the metamodel plus the resolvers. */
export function createSchema() {
  return makeExecutableSchema<Context>({ typeDefs: buildSdl(), resolvers });
}

/**
 * Reports this request's Cypher round trips in a response header (tests and benchmarks read it):
 * 0 for a response served from the response cache, which runs no resolver.
 */
function useRoundTripHeader(): Plugin<Context> {
  const byRequest = new WeakMap<Request, { readonly roundTrips: number }>();
  return {
    onExecute({ args }) {
      byRequest.set(args.contextValue.request, args.contextValue.db);
    },
    onExecutionResult({ request, result }) {
      if (isServedFromCache(result)) byRequest.set(request, { roundTrips: 0 });
    },
    onResponse({ request, response }) {
      const counted = byRequest.get(request);
      if (counted) response.headers.set(ROUND_TRIPS_HEADER, String(counted.roundTrips));
    },
  };
}

function isServedFromCache(result: unknown): boolean {
  return typeof result === 'object' && result !== null && SERVED_FROM_CACHE in result;
}

/** Only anonymous requests use the cache: an analyst (any Authorization header) always reads Neo4j. */
const isAnonymous = (request: Request) => !request.headers.has('authorization');

/**
 * Caches whole responses of anonymous reads for `ttl` ms in this process, so a repeated query
 * costs no Cypher. Every write through `db` (see Database.generation) is part of the key, so a
 * write makes every earlier entry a miss at once, not only those holding the entities it changed;
 * old entries are never served again and drop out by TTL or LRU. Another instance's writes show
 * here after at most the TTL.
 */
function responseCache(db: Database, ttl: number): Plugin[] {
  const entries = createInMemoryCache();
  const current = (key: string) => key.startsWith(`${db.generation}:`);
  // The plugin also answers If-None-Match with a 304 straight from the cache, by key: an ETag of
  // an older generation must not count as fresh.
  const cache: Cache = {
    get: (key) => (current(key) ? entries.get(key) : null),
    set: (key, result, entities, entryTtl) => entries.set(key, result, entities, entryTtl),
    invalidate: (entities) => entries.invalidate(entities),
  };
  const cacheState = new WeakMap<Request, 'hit' | 'miss'>();
  return [
    useResponseCache<Context>({
      ttl,
      cache,
      // Requests with a token are never cached nor answered from the cache, so the cache is global.
      session: () => null,
      enabled: (request) => isAnonymous(request),
      buildResponseCacheKey: async (params) => {
        const generation = db.generation;
        return `${generation}:${await defaultBuildResponseCacheKey(params)}`;
      },
      // The generation invalidates everything on a write; per-entity invalidation adds nothing
      // (and writes come with a token, so the plugin does not see them anyway).
      invalidateViaMutation: false,
      // Not even with NODE_ENV=development or DEBUG set: the x-response-cache header tells hit and miss.
      includeExtensionMetadata: false,
    }),
    {
      onExecutionResult({ request, result }) {
        if (isAnonymous(request)) cacheState.set(request, isServedFromCache(result) ? 'hit' : 'miss');
      },
      onResponse({ request, response }) {
        const state = cacheState.get(request);
        if (state) response.headers.set(RESPONSE_CACHE_HEADER, state);
      },
    },
  ];
}

/** Rejects introspection queries when INTROSPECTION=false. */
function noIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** What GraphiQL opens with: the README's first query. */
const GRAPHIQL_DEFAULT_QUERY = `# Reguleringsplan. The Docs panel explains every type and field.
{
  metamodel {
    layers { id label }
    kinds { id label layers }
  }
}
`;

/**
 * GraphiQL from @graphql-yoga/render-graphiql: the editor's scripts, styles and workers are inlined
 * in the page, so it works on networks without internet access (Yoga's default page loads them
 * from a public CDN). The page is about 9 MB of text, so it is rendered once.
 */
let graphiqlPage: { key: string; html: string } | undefined;
function offlineGraphiQL(opts?: GraphiQLOptions): string {
  const key = JSON.stringify(opts ?? {});
  if (graphiqlPage?.key !== key) graphiqlPage = { key, html: renderGraphiQL(opts) };
  return graphiqlPage.html;
}

/** What the HTTP server passes to each request (api/http/server.ts). */
export interface ServerContext {
  /** The client's address: bad tokens are counted per address. */
  clientAddress?: string;
}

export function createYogaServer(db: Database, options: YogaOptions, badTokens: BadTokenLimiter = new BadTokenLimiter()) {
  const origins = options.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return createYoga<ServerContext, AppContext>({
    schema: createSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.GRAPHIQL ? { title: 'Reguleringsplan – GraphQL', defaultQuery: GRAPHIQL_DEFAULT_QUERY } : false,
    renderGraphiQL: offlineGraphiQL,
    // Unavailability is no internal error: it keeps its code (see useUnavailable for the status).
    maskedErrors: { maskError: (error, message, isDev) => unavailableError(error) ?? maskError(error, message, isDev) },
    cors: origins.includes('*') ? { origin: '*' } : { origin: origins, credentials: true },
    context: ({ request, clientAddress }) => {
      // One handle per request: every query it runs, the token lookup included, is counted.
      const requestDb = db.forRequest();
      let auth: Promise<AuthResult> | undefined;
      return {
        db: requestDb,
        loaders: createLoaders(requestDb),
        auth: () =>
          (auth ??= authenticate(requestDb, request.headers.get('authorization')).then((result) => {
            if (result.problem !== null && result.problem !== 'missing' && clientAddress) badTokens.record(clientAddress);
            return result;
          })),
      };
    },
    plugins: [
      // Limits sized so every query of the web front end passes (test/armor-limits.test.ts checks them).
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        costLimit: { maxCost: 20_000 },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 4_000 },
      }),
      ...(options.INTROSPECTION ? [] : [noIntrospection()]),
      ...(options.RESPONSE_CACHE_TTL_MS > 0 ? responseCache(db, options.RESPONSE_CACHE_TTL_MS) : []),
      // /ready: 503 at once while the database is marked down, else whether `RETURN 1` answers within 900 ms (Database.ready).
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => {
          const ready = await db.ready();
          // Never cached by anyone between the probe and us.
          return fetchAPI.Response.json({ status: ready ? 'ready' : 'neo4j unreachable' }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
        },
      }),
      useRoundTripHeader(),
      useInputErrors(),
      useUnavailable(),
    ],
  });
}
