/**
 * GraphQL errors with the codes clients rely on. Anything else thrown in a resolver is masked by
 * Yoga ("Unexpected error.") so no stack trace or Cypher reaches a client.
 */
import { GraphQLError } from 'graphql';
import type { z } from 'zod';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT';

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
