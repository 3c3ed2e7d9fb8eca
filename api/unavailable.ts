/**
 * While Neo4j cannot be reached, resolvers fail with DatabaseUnavailableError (store/database.ts).
 * Clients get extensions.code SERVICE_UNAVAILABLE instead of a masked INTERNAL_SERVER_ERROR, and
 * HTTP 503 with Retry-After when the whole request failed (no data at all); a request that got
 * part of its data keeps 200 with the failed fields' errors, as GraphQL over HTTP expects.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isUnavailable } from '../store/database';

export const UNAVAILABLE_MESSAGE = 'the database is unavailable right now; try again in a few seconds';
/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 2;

function asUnavailable(error: GraphQLError, wholeRequest: boolean): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    // Yoga reads extensions.http to set the status and drops it from the response body.
    extensions: { code: 'SERVICE_UNAVAILABLE', ...(wholeRequest ? { http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } } : {}) },
  });
}

const unavailable = (e: GraphQLError) => isUnavailable(e.originalError) || e.extensions?.code === 'SERVICE_UNAVAILABLE';

/** For Yoga's error masking: the coded error when `error` is Neo4j's unavailability, else null. */
export function unavailableError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) {
    if (error.extensions?.code === 'SERVICE_UNAVAILABLE' && !error.originalError) return error; // already coded above
    return unavailable(error) ? asUnavailable(error, false) : null;
  }
  return isUnavailable(error) ? new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE' } }) : null;
}

export function useUnavailable(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as ExecutionResult;
          if (!r.errors?.some(unavailable)) return;
          const whole = r.data === null || r.data === undefined;
          setResult({ ...r, errors: r.errors.map((e) => (unavailable(e) ? asUnavailable(e, whole) : e)) });
        },
      };
    },
  };
}
