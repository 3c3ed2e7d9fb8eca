/**
 * Reliability against an external Neo4j (issue 13): a network cut between the API and Neo4j is
 * answered at once with SERVICE_UNAVAILABLE (HTTP 503), /ready says so within a second, and the
 * API serves again when the network is back, without a restart; the graceful shutdown lets an
 * in-flight request finish (in-process and on SIGTERM to `api/main.ts`); and the cluster path: the
 * whole read/write cycle over a `neo4j://` routing URI. The embedded JVM's supervision is in
 * test/chaos.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createToken } from '../api/auth/tokens';
import { startTestApp, type TestApp } from './app';
import { slowGraphQL, spawnApp, tcpProxy, type TcpProxy } from './support/http';

const neo4j = inject('neo4j');
const bolt = new URL(neo4j.uri);

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

const PERSPECTIVE_ID = 'perspektiv-palitelighetstest';
const SAVE = `mutation($input: PerspectiveInput!) { savePerspective(input: $input) { id version } }`;

async function waitUntilReady(url: string, withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if ((await fetch(`${url}ready`)).status === 200) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`/ready did not answer 200 within ${withinMs} ms`);
}

describe('an external Neo4j behind a network that is cut and restored', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    proxy = await tcpProxy(bolt.hostname, Number(bolt.port));
    app = await startTestApp({ NEO4J_URI: `bolt://127.0.0.1:${proxy.port}` });
    token = (await createToken(app.db, { name: 'Pålitelighetstest', role: 'ANALYST' })).secret;
  });
  afterAll(async () => {
    await app?.db.write((tx) => tx.run('MATCH (p:Perspective {id: $id}) DETACH DELETE p', { id: PERSPECTIVE_ID })).catch(() => {});
    await app?.stop();
    await proxy?.close();
  });

  it('answers SERVICE_UNAVAILABLE with 503 within 2 s, /ready 503 within 1 s, and serves again once Neo4j is back', async () => {
    expect((await app.gql('{ perspectives { id } }')).status).toBe(200);
    await proxy.cut();

    const read = await timed(() => app.gql('{ perspectives { id } }'));
    expect(read.ms).toBeLessThan(2_000);
    expect(read.value.status).toBe(503);
    expect(read.value.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    const ready = await timed(() => fetch(`${app.url}ready`));
    expect(ready.ms).toBeLessThan(1_000);
    expect(ready.value.status).toBe(503);

    const write = await timed(() => app.gql(SAVE, { input: { id: PERSPECTIVE_ID, name: 'Pålitelighet' } }, token));
    expect(write.ms).toBeLessThan(2_000);
    expect(write.value.status).toBe(503);
    expect(write.value.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // /health is about the process, which is fine.
    expect((await fetch(`${app.url}health`)).status).toBe(200);

    await proxy.restore();
    const recovered = await waitUntilReady(app.url, 3_000);
    expect(recovered).toBeLessThan(1_000);
    expect((await app.gql('{ perspectives { id } }')).status).toBe(200);
    // The refused write was not applied; the same write now succeeds with version 1.
    const saved = await app.gql<{ savePerspective: { version: number } }>(SAVE, { input: { id: PERSPECTIVE_ID, name: 'Pålitelighet' } }, token);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.savePerspective.version).toBe(1);
  });
});

describe('the cluster path: a neo4j:// (routing) URI', () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.db.write((tx) => tx.run('MATCH (p:Perspective {id: $id}) DETACH DELETE p', { id: `${PERSPECTIVE_ID}-ruting` })).catch(() => {});
    await app?.stop();
  });

  it('routes reads to a reader and writes to the writer, as on a cluster or Aura', async () => {
    app = await startTestApp({ NEO4J_URI: `neo4j://${bolt.host}` });
    // Reads go out with routing READ, each write as a WRITE transaction: over neo4j:// the driver
    // must find a reader and a writer in the server's routing table for both to succeed.
    const read = await app.gql<{ heatMap: { rows: unknown[] } }>('{ heatMap(service: "tjeneste-journaldokumenter") { rows { layer } } }');
    expect(read.errors).toBeUndefined();
    expect(read.data?.heatMap.rows.length).toBeGreaterThan(0);
    const token = (await createToken(app.db, { name: 'Rutingtest', role: 'ANALYST' })).secret;
    const saved = await app.gql<{ savePerspective: { id: string } }>(SAVE, { input: { id: `${PERSPECTIVE_ID}-ruting`, name: 'Ruting' } }, token);
    expect(saved.errors).toBeUndefined();
    const back = await app.gql<{ perspective: { name: string } }>(`{ perspective(id: "${PERSPECTIVE_ID}-ruting") { name } }`);
    expect(back.data?.perspective.name).toBe('Ruting');
  });
});

describe('graceful shutdown', () => {
  it('stops accepting, lets the in-flight request finish, then closes', async () => {
    const app = await startTestApp();
    const inFlight = slowGraphQL(app.url, '{ perspectives { id } }');
    await new Promise((r) => setTimeout(r, 200));
    const stopped = app.stop();
    await new Promise((r) => setTimeout(r, 200));
    // No new connections once stopping…
    await expect(fetch(`${app.url}health`)).rejects.toThrow();
    // …but the request already received is answered.
    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('data.perspectives');
    await stopped;
  });

  it('on SIGTERM, api/main.ts finishes the in-flight request, closes the driver and exits 0', async () => {
    const app = spawnApp({
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      PORT: '0',
      SEED_ON_START: 'false',
      RESPONSE_CACHE_TTL_MS: '0',
    });
    try {
      const [, url] = await app.waitFor(/is ready at (http:\S+)/, 60_000);
      const inFlight = slowGraphQL(url!, '{ perspectives { id } }');
      await new Promise((r) => setTimeout(r, 300));
      app.child.kill('SIGTERM');
      await app.waitFor(/^SIGTERM: finishing in-flight requests/, 5_000);
      inFlight.finish();
      expect((await inFlight.response).status).toBe(200);
      expect(await app.exited).toEqual({ code: 0, signal: null });
      expect(app.lines.indexOf('stopped')).toBeGreaterThan(app.lines.findIndex((l) => l.startsWith('SIGTERM')));
    } finally {
      app.child.kill('SIGKILL');
    }
  });
});
