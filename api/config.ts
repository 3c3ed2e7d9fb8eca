/**
 * Configuration from the environment, validated once at start. A bad value stops the start with
 * one line naming the variable and what is wrong (see README, "Configuration"). The Neo4j
 * settings are the store's (store/config.ts); the rest are the server's.
 */
import { z } from 'zod';
import { ConfigError, int, parseEnv, storeEnvShape } from '../store/config';

export { ConfigError };

const bool = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

const envSchema = z.object({
  ...storeEnvShape,
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
  /** The response cache's bound in MiB (bodies, keys, headers); the least recently used go first. */
  RESPONSE_CACHE_MAX_MB: int(1, 65_536).default('64'),
  /** Bad tokens one client address may send per minute before it gets 429; 0 turns the limit off. */
  BAD_TOKEN_LIMIT: int(0, 1_000_000).default('10'),
});

export type Config = z.infer<typeof envSchema>;

/** Parse the environment; throws ConfigError whose message is the one line to show. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseEnv(envSchema, env);
}
