/**
 * Builds the GraphQL server (no listening here; see main.ts): executable schema from the
 * published SDL and the resolvers, a typed per-request context, GraphQL Armor limits, masked
 * errors, CORS, and GraphiQL/introspection switches.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { buildSdl } from '../schema/sdl';
import type { Config } from './config';
import type { AppContext, Context } from './context';
import { createLoaders } from './loaders';
import { RoundTrips, type Database } from './neo4j/database';
import { resolvers } from './resolvers';
import { authenticate, type AuthResult } from './auth/authenticate';
import { useInputErrors } from './input-errors';

export type YogaOptions = Pick<Config, 'CORS_ORIGINS' | 'GRAPHIQL' | 'INTROSPECTION'>;

export const ROUND_TRIPS_HEADER = 'x-cypher-round-trips';

/** The executable schema: the SDL generated from the metamodel plus the resolvers. */
export function createSchema() {
  return makeExecutableSchema<Context>({ typeDefs: buildSdl(), resolvers });
}

/** Reports this request's Cypher round trips in a response header (tests and benchmarks read it). */
function useRoundTripHeader(): Plugin<Context> {
  const byRequest = new WeakMap<Request, RoundTrips>();
  return {
    onExecute({ args }) {
      byRequest.set(args.contextValue.request, args.contextValue.roundTrips);
    },
    onResponse({ request, response }) {
      const counter = byRequest.get(request);
      if (counter) response.headers.set(ROUND_TRIPS_HEADER, String(counter.count));
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

export function createYogaServer(db: Database, options: YogaOptions) {
  const origins = options.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return createYoga<Record<string, never>, AppContext>({
    schema: createSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.GRAPHIQL ? { title: 'Reguleringsplan – GraphQL' } : false,
    maskedErrors: true,
    cors: origins.includes('*') ? { origin: '*' } : { origin: origins, credentials: true },
    context: async ({ request }) => {
      const roundTrips = new RoundTrips();
      let auth: Promise<AuthResult> | undefined;
      return {
        db,
        roundTrips,
        loaders: createLoaders(db, roundTrips),
        auth: () => (auth ??= authenticate(db, request.headers.get('authorization'))),
      };
    },
    plugins: [
      // Limits sized so every query of the web front end passes (see api/yoga.test.ts).
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        costLimit: { maxCost: 20_000 },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 4_000 },
      }),
      ...(options.INTROSPECTION ? [] : [noIntrospection()]),
      useRoundTripHeader(),
      useInputErrors(),
    ],
  });
}
