/**
 * Builds the GraphQL server (no listening here; see main.ts): executable schema from the
 * published SDL and the resolvers, a typed per-request context, GraphQL Armor limits, masked
 * errors, CORS, GraphiQL/introspection switches and marks for the response cache (api/http/response-cache.ts).
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { getOperationAST, NoSchemaIntrospectionCustomRule, OperationTypeNode, type ExecutionArgs } from 'graphql';
import { createYoga, isAsyncIterable, maskError, useReadinessCheck, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
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

export type YogaOptions = Pick<Config, 'CORS_ORIGINS' | 'GRAPHIQL' | 'INTROSPECTION'>;

export const ROUND_TRIPS_HEADER = 'x-cypher-round-trips';
/** `hit` or `miss` on an anonymous GraphQL response while the response cache is on; absent otherwise. */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/** The executable schema: the SDL generated from the metamodel plus the resolvers. */
export function createSchema() {
  return makeExecutableSchema<Context>({ typeDefs: buildSdl(), resolvers });
}

/**
 * Reports this request's Cypher round trips in a response header (tests and benchmarks read it);
 * the response cache sends 0 with an answer it had (api/http/server.ts).
 */
function useRoundTripHeader(): Plugin<Context> {
  const byRequest = new WeakMap<Request, { readonly roundTrips: number }>();
  return {
    onExecute({ args }) {
      byRequest.set(args.contextValue.request, args.contextValue.db);
    },
    onResponse({ request, response }) {
      const counted = byRequest.get(request);
      if (counted) response.headers.set(ROUND_TRIPS_HEADER, String(counted.roundTrips));
    },
  };
}

/**
 * Tells the HTTP layer's response cache (api/http/response-cache.ts) what this request ran: that
 * it executed an operation (the x-response-cache header is set only then) and whether its answer
 * may be kept, which only a query without errors may.
 */
function useCacheMark(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const mark = (args.contextValue as Partial<ServerContext>).cacheMark;
      if (!mark) return;
      mark.executed = true;
      const { document, operationName } = args as ExecutionArgs;
      if (getOperationAST(document, operationName)?.operation !== OperationTypeNode.QUERY) return;
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result) && !result.errors?.length) mark.cacheable = true;
        },
      };
    },
  };
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
  /** Given by the HTTP layer when the response cache may keep this request's answer. */
  cacheMark?: CacheMark;
}

/** Filled in during execution (useCacheMark). */
export interface CacheMark {
  executed: boolean;
  cacheable: boolean;
}

export function createYogaServer(db: Database, options: YogaOptions, badTokens: BadTokenLimiter = new BadTokenLimiter()) {
  const origins = options.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
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
      // Depth and cost are of the fields asked for: a fragment spread is not a level (the web's
      // generated documents share fields through fragments, which would otherwise count twice).
      EnvelopArmorPlugin({
        maxDepth: { n: 12, flattenFragments: true },
        costLimit: { maxCost: 20_000, flattenFragments: true },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 4_000 },
      }),
      ...(options.INTROSPECTION ? [] : [noIntrospection()]),
      useCacheMark(),
      // /ready: 503 at once while the database is marked down, else whether `RETURN 1` answers within 900 ms (Database.ready).
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) => {
          const ready = await db.ready();
          // Never cached by anyone between the probe and us.
          return fetchAPI.Response.json(
            { status: ready ? 'ready' : 'neo4j unreachable' },
            { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
          );
        },
      }),
      useRoundTripHeader(),
      useInputErrors(),
      useUnavailable(),
    ],
  });
}
