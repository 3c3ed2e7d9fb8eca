/**
 * The foundation end to end: the real server on the run's Neo4j answers the metamodel query,
 * health and readiness, serves GraphiQL, and has the schema's constraints and indexes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_IDS, LAYERS } from '../schema/metamodel';
import { SCHEMA_STATEMENTS } from '../store/constraints';
import { startTestApp, type TestApp } from './app';

const run = promisify(execFile);

interface MetamodelAnswer {
  metamodel: { layers: { id: string; label: string }[]; kinds: { id: string; label: string; layers: string[] }[] };
}

describe('foundation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers the metamodel query in Norwegian by default', async () => {
    const res = await app.gql<MetamodelAnswer>('{ metamodel { layers { id label } kinds { id label layers } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.metamodel.layers).toEqual(Object.entries(LAYERS).map(([id, l]) => ({ id, label: l.nb })));
    expect(res.data?.metamodel.kinds.map((k) => k.id)).toEqual(KIND_IDS);
    expect(res.data?.metamodel.kinds.find((k) => k.id === 'INFORMATION_SERVICE')).toEqual({
      id: 'INFORMATION_SERVICE',
      label: 'Informasjonstjeneste',
      layers: ['ORGANISATIONAL', 'SEMANTIC'],
    });
  });

  it('answers in English on request', async () => {
    const res = await app.gql<MetamodelAnswer>('{ metamodel { layers { id label(lang: EN) } } }');
    expect(res.data?.metamodel.layers[0]).toEqual({ id: 'LEGAL', label: 'Legal interoperability' });
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${app.url}health`)).status).toBe(200);
    const ready = await fetch(`${app.url}ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves GraphiQL at /graphql to browsers', async () => {
    const res = await fetch(`${app.url}graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphiql/i);
  });

  it('rejects a request body over the limit with 413 and no stack trace', async () => {
    const res = await fetch(`${app.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ metamodel { layers { id } } } #${'x'.repeat(200_000)}` }),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('has applied every constraint and index of the schema, idempotently', async () => {
    const names = SCHEMA_STATEMENTS.map((s) => /^CREATE (?:CONSTRAINT|FULLTEXT INDEX|INDEX) (\w+)/.exec(s)?.[1]);
    const { records } = await app.db.driver.executeQuery('SHOW INDEXES YIELD name, state RETURN name, state', {}, { database: app.db.database });
    const online = new Map(records.map((r) => [r.get('name') as string, r.get('state') as string]));
    for (const name of names) {
      if (name?.startsWith('element_text') || name?.endsWith('_kind') || name?.endsWith('_due') || name?.startsWith('audit_')) {
        expect(online.get(name), name).toBe('ONLINE');
      }
    }
    const { records: constraints } = await app.db.driver.executeQuery(
      'SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names',
      {},
      { database: app.db.database },
    );
    expect(constraints[0]?.get('names')).toEqual(expect.arrayContaining(['element_id', 'gap_id', 'change_id', 'perspective_id', 'token_hash', 'audit_id']));
  });
});

describe('start-up configuration errors', () => {
  it('stops with one line naming the variable', async () => {
    const err = await run('npx', ['tsx', 'api/main.ts'], { env: { ...process.env, PORT: 'eighty', NEO4J_URI: '' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in err && err.code).toBe(1);
    const lines = ('stderr' in err ? err.stderr : '').split('\n').filter((l) => l.trim() && !l.includes('npm warn'));
    expect(lines).toEqual(['configuration error: PORT="eighty" must be a whole number']);
  });
});
