/** Argument validation shared by the read resolvers: optional ids, lists of enum values, counts. */
import neo4j, { type Integer } from 'neo4j-driver';
import { z } from 'zod';
import { idSchema } from '../../schema/validation';
import { parseInput } from '../errors';

/** An optional id argument: null when absent, else a valid id (BAD_USER_INPUT naming the path). */
export function optionalId(value: string | null | undefined, path: string[]): string | null {
  return value == null ? null : parseInput(idSchema, value, path);
}

/** An optional list of enum values: null when absent or empty (no filter), else deduplicated. */
export function optionalList<T extends string>(schema: z.ZodType<T>, value: readonly string[] | null | undefined, path: string[]): T[] | null {
  if (value == null || value.length === 0) return null;
  const list = parseInput(z.array(schema).max(100), value, path);
  return [...new Set(list)];
}

/** A whole-number argument within bounds, with its default (pass it through `int` for LIMIT and slices). */
export function countArg(value: number | null | undefined, fallback: number, min: number, max: number, path: string[]): number {
  return parseInput(z.number().int().min(min).max(max), value ?? fallback, path);
}

/** Neo4j takes LIMIT, SKIP and list slices as integers; JavaScript numbers travel as floats. */
export function int(n: number): Integer {
  return neo4j.int(n);
}
