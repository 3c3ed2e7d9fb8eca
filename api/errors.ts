/**
 * GraphQL errors with the codes clients rely on. Anything else thrown in a resolver is masked by
 * Yoga ("Unexpected error.") so no stack trace or Cypher reaches a client.
 */
import { GraphQLError } from 'graphql';
import type { z } from 'zod';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

/** Any coded error but BAD_USER_INPUT, which has one shape of its own (`badInput`, `parseInput`). */
export function apiError(code: Exclude<ErrorCode, 'BAD_USER_INPUT'>, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** A problem with one input value: where (an argument path such as "input.layer") and what. */
export interface InputIssue {
  path: string;
  message: string;
}

/**
 * The one shape of every input error, from a resolver, a zod schema or GraphQL's own coercion
 * (api/input-errors.ts): code BAD_USER_INPUT, `field` (the first issue's path) and `issues`.
 */
export function inputErrorExtensions(issues: readonly [InputIssue, ...InputIssue[]]): { code: 'BAD_USER_INPUT'; field: string; issues: InputIssue[] } {
  return { code: 'BAD_USER_INPUT', field: issues[0].path, issues: [...issues] };
}

export function notFound(what: string, id: string): GraphQLError {
  return apiError('NOT_FOUND', `no ${what} with id "${id}"`, { id });
}

/** Validate resolver arguments; a failure names the argument path (e.g. "input.layer"). */
export function parseInput<S extends z.ZodTypeAny>(schema: S, value: unknown, argumentPath: string[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<S>;
  const issues = parsed.error.issues.map((i) => ({ path: [...argumentPath, ...i.path.map(String)].join('.') || 'input', message: i.message }));
  const [first, ...rest] = issues;
  if (!first) throw badInput(argumentPath.join('.') || 'input', 'invalid input');
  throw new GraphQLError(`${first.path}: ${first.message}`, { extensions: inputErrorExtensions([first, ...rest]) });
}

/** NOT_FOUND for an id given at `field` (an argument path such as "input.service"). */
export function notFoundAt(what: string, id: string, field: string) {
  return apiError('NOT_FOUND', `no ${what} with id "${id}"`, { id, field });
}

/** BAD_USER_INPUT at `field`, with the same `field` and `issues` as parseInput's. */
export function badInput(field: string, message: string) {
  return new GraphQLError(`${field}: ${message}`, { extensions: inputErrorExtensions([{ path: field, message }]) });
}

/** CONFLICT: the caller's `version` is stale. */
export function conflict(id: string, expected: number, actual: number) {
  return apiError('CONFLICT', `"${id}" has changed since it was read (version ${actual}, not ${expected}); read it again and retry`, {
    id,
    expectedVersion: expected,
    actualVersion: actual,
  });
}
