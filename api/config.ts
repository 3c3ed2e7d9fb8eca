/**
 * Configuration from the environment, validated once at start. A bad value stops the start with
 * one line naming the variable and what is wrong (see README, "Configuration").
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/, 'must be a neo4j:// or bolt:// URI (neo4j+s:// for Aura)')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.-]{0,62}$/, 'must be a Neo4j database name').default('neo4j'),
  /** Embedded Neo4j only: where the store lives and the Bolt port on 127.0.0.1. */
  NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_EMBEDDED_PORT: int(1, 65535).default('7687'),
  PORT: int(0, 65535).default('4000'),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated origins allowed by CORS, or * for any. */
  CORS_ORIGINS: z.string().default('*'),
  GRAPHIQL: bool.default('true'),
  INTROSPECTION: bool.default('true'),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: int(1024, 10_000_000).default('100000'),
  /** Load the graph seed when the database is empty. */
  SEED_ON_START: bool.default('true'),
  /** How long an anonymous read's response is cached, in milliseconds; 0 turns the cache off. */
  RESPONSE_CACHE_TTL_MS: int(0, 86_400_000).default('5000'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment; throws ConfigError whose message is the one line to show. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    const value = cleaned[variable];
    throw new ConfigError(`configuration error: ${variable}${value !== undefined ? `=${JSON.stringify(value)}` : ''} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
