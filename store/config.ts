/**
 * The store's settings from the environment (which Neo4j, which database, the embedded store),
 * shared by the app and the command-line tools. A bad value is one line naming the variable.
 */
import { z } from 'zod';

export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const storeEnvShape = {
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/, 'must be a neo4j:// or bolt:// URI (neo4j+s:// for Aura)')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9.-]{0,62}$/, 'must be a Neo4j database name')
    .default('neo4j'),
  /** Embedded Neo4j only: where the store lives and the Bolt port on 127.0.0.1. */
  NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_EMBEDDED_PORT: int(0, 65535).default('7687'),
};

const storeEnvSchema = z.object(storeEnvShape);
export type StoreConfig = z.infer<typeof storeEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment with `schema`; throws ConfigError whose message is the one line to show. */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    const value = cleaned[variable];
    throw new ConfigError(`configuration error: ${variable}${value !== undefined ? `=${JSON.stringify(value)}` : ''} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data as z.infer<S>;
}

export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return parseEnv(storeEnvSchema, env);
}
