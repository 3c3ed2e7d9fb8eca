import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database on port 4000', () => {
    const c = loadConfig({});
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.PORT).toBe(4000);
    expect(c.NEO4J_DATABASE).toBe('neo4j');
    expect(c.GRAPHIQL).toBe(true);
    expect(c.RESPONSE_CACHE_TTL_MS).toBe(5000);
  });

  it('turns the response cache off with a TTL of 0', () => {
    expect(loadConfig({ RESPONSE_CACHE_TTL_MS: '0' }).RESPONSE_CACHE_TTL_MS).toBe(0);
    expect(() => loadConfig({ RESPONSE_CACHE_TTL_MS: '-1' })).toThrow(/^configuration error: RESPONSE_CACHE_TTL_MS="-1" must be a whole number$/);
    expect(() => loadConfig({ RESPONSE_CACHE_TTL_MS: '5s' })).toThrow(/RESPONSE_CACHE_TTL_MS="5s" must be a whole number/);
  });

  it('bounds the response cache in MiB, 64 unless told', () => {
    expect(loadConfig({}).RESPONSE_CACHE_MAX_MB).toBe(64);
    expect(loadConfig({ RESPONSE_CACHE_MAX_MB: '256' }).RESPONSE_CACHE_MAX_MB).toBe(256);
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_MB: '0' })).toThrow(/^configuration error: RESPONSE_CACHE_MAX_MB="0" /);
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_MB: 'lots' })).toThrow(/RESPONSE_CACHE_MAX_MB="lots" must be a whole number/);
  });

  it('accepts routing URIs for clusters and Aura', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://core1:7687' }).NEO4J_URI).toBe('neo4j://core1:7687');
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io' }).NEO4J_URI).toContain('neo4j+s');
  });

  it('stops on a bad value with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^configuration error: PORT="eighty" /);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI="http:\/\/localhost:7474" must be a neo4j:\/\/ or bolt:\/\/ URI/);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
    try {
      loadConfig({ PORT: '70000' });
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });
});
