/**
 * docker-compose.yml is validated by `docker-compose config` where that command exists (CI installs
 * Debian's docker-compose, which parses without a Docker engine). Where it does not, the test says
 * so and checks the file's shape with the YAML parser instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

describe('docker-compose.yml', () => {
  it.runIf(hasCompose)('is valid according to docker-compose config', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { encoding: 'utf8', env: { ...process.env, NEO4J_PASSWORD: 'test' } });
    const config = parse(out) as { services: Record<string, { image?: string; environment?: Record<string, string> }> };
    expect(config.services.neo4j?.image).toBe('neo4j:5.26-community');
    expect(config.services.app?.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
  });

  it('wires Neo4j 5.26 with a volume and a health check to the app', () => {
    if (!hasCompose) console.warn('docker-compose is not installed here: checking the file with the YAML parser only');
    const file = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<
        string,
        { image?: string; volumes?: string[]; healthcheck?: unknown; depends_on?: Record<string, { condition: string }>; build?: string }
      >;
    };
    expect(file.services.neo4j?.image).toBe('neo4j:5.26-community');
    expect(file.services.neo4j?.volumes?.[0]).toMatch(/:\/data$/);
    expect(file.services.neo4j?.healthcheck).toBeDefined();
    expect(file.services.app?.build).toBe('.');
    expect(file.services.app?.depends_on?.neo4j?.condition).toBe('service_healthy');
    // node:*-slim has neither wget nor curl: the app's health check must use Node.
    const appCheck = (file.services.app as { healthcheck?: { test?: string[] } }).healthcheck?.test ?? [];
    expect(appCheck.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(appCheck.join(' ')).toContain('/ready');
  });

  it('builds the web and runs on Node 24 LTS as a non-root user', () => {
    const lines = readFileSync('Dockerfile', 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(lines).toContain('FROM node:24-bookworm-slim');
    expect(lines).toContain('RUN npm ci --no-audit --no-fund');
    expect(lines).toContain('RUN npm run build:web');
    // The last USER before CMD decides who the server runs as.
    const users = lines.filter((l) => l.startsWith('USER '));
    expect(users.at(-1)).toBe('USER node');
    expect(lines.findIndex((l) => l.startsWith('USER '))).toBeLessThan(lines.findIndex((l) => l.startsWith('CMD ')));
  });
});
