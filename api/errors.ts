/**
 * GraphQL errors with the codes clients rely on. Anything else thrown in a resolver is masked by
 * Yoga ("Unexpected error.") so no stack trace or Cypher reaches a client.
 */
import { GraphQLError } from 'graphql';
import type { z } from 'zod';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

export function apiError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function notFound(what: string, id: string): GraphQLError {
  return apiError('NOT_FOUND', `no ${what} with id "${id}"`, { id });
}

/** Validate resolver arguments; a failure names the argument path (e.g. "input.layer"). */
export function parseInput<S extends z.ZodTypeAny>(schema: S, value: unknown, argumentPath: string[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<S>;
  const issues = parsed.error.issues.map((i) => ({ path: [...argumentPath, ...i.path.map(String)].join('.'), message: i.message }));
  const first = issues[0];
  throw apiError('BAD_USER_INPUT', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', { field: first?.path, issues });
}

/** NOT_FOUND for an id given at `field` (an argument path such as "input.service"). */
export function notFoundAt(what: string, id: string, field: string) {
  return apiError('NOT_FOUND', `no ${what} with id "${id}"`, { id, field });
}

/** BAD_USER_INPUT at `field`, with the same `field` and `issues` as parseInput's. */
export function badInput(field: string, message: string) {
  return apiError('BAD_USER_INPUT', `${field}: ${message}`, { field, issues: [{ path: field, message }] });
}

/** CONFLICT: the caller's `version` is stale. */
export function conflict(id: string, expected: number, actual: number) {
  return apiError('CONFLICT', `"${id}" has changed since it was read (version ${actual}, not ${expected}); read it again and retry`, {
    id,
    expectedVersion: expected,
    actualVersion: actual,
  });
}
