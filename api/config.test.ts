import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database on port 4000', () => {
    const c = loadConfig({});
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.PORT).toBe(4000);
    expect(c.NEO4J_DATABASE).toBe('neo4j');
    expect(c.GRAPHIQL).toBe(true);
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
