/**
 * The response cache (RESPONSE_CACHE_TTL_MS) end to end, over HTTP on the seeded map: a repeated
 * anonymous read is answered without Cypher and with the same body, every query of the web front
 * end answers the same with the cache as without, a write through the API shows in the next read
 * at once, requests with a token never use the cache, and a TTL of 0 caches nothing. Everything
 * the file writes (a token, a gap, their audit events) is removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from './auth/tokens';
import { RESPONSE_CACHE_HEADER, ROUND_TRIPS_HEADER } from './yoga';
import { startTestApp, type TestApp } from '../test/app';
import type { TypedDocumentString } from '../web/src/generated/graphql';
import { ELEMENT, HEAT_MAP, LANDSCAPE, METAMODEL, ME, NORMS, PERSPECTIVES, SEARCH, STANDARDS, type HeatMapData } from '../web/src/queries';

/** Any of the web's generated documents (what its result and variables are does not matter here). */
type WebDocument = TypedDocumentString<unknown, never>;

const SERVICE = 'tjeneste-journaldokumenter';
const SOURCE = '003_bc528292a39bd4db.txt:2602-2605';

interface Answer {
  status: number;
  /** The body as sent, to compare byte for byte. */
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  /** NaN when the header is absent. */
  roundTrips: number;
  cache: string | null;
}

async function post(app: TestApp, document: string | WebDocument, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const res = await fetch(`${app.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: JSON.parse(text) as Answer['body'],
    roundTrips: Number(res.headers.get(ROUND_TRIPS_HEADER) ?? 'NaN'),
    cache: res.headers.get(RESPONSE_CACHE_HEADER),
  };
}

function expectData(answer: Answer): Record<string, unknown> {
  expect(answer.body.errors, answer.text).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data).toBeTruthy();
  return answer.body.data as Record<string, unknown>;
}

type HeatMap = HeatMapData['heatMap'];
const heatMapOf = (answer: Answer) => expectData(answer).heatMap as HeatMap;
const unmetNeeds = (map: HeatMap) => map.counts.find((c) => c.status === 'UNMET_NEED')?.count ?? 0;
const semanticGaps = (map: HeatMap) => map.rows.find((r) => r.layer === 'SEMANTIC')?.gaps.map((g) => g.id) ?? [];

describe('response cache', () => {
  /** RESPONSE_CACHE_TTL_MS long enough that nothing expires during a test. */
  let cached: TestApp;
  /** The test harness's default: RESPONSE_CACHE_TTL_MS=0. */
  let uncached: TestApp;
  let analyst = '';
  const tokenIds: string[] = [];
  const gapIds: string[] = [];

  beforeAll(async () => {
    cached = await startTestApp({ RESPONSE_CACHE_TTL_MS: '600000' });
    uncached = await startTestApp();
    const token = await createToken(cached.db, { name: `response cache ${Date.now()}`, role: 'ANALYST' });
    tokenIds.push(token.id);
    analyst = token.secret;
  });

  afterAll(async () => {
    try {
      await cached?.db.write(async (tx) => {
        await tx.run('MATCH (g:Gap) WHERE g.id IN $gaps DETACH DELETE g', { gaps: gapIds });
        await tx.run('MATCH (a:AuditEvent) WHERE a.tokenId IN $tokens OR a.target IN $tokens OR a.target IN $gaps DELETE a', {
          tokens: tokenIds,
          gaps: gapIds,
        });
        await tx.run('MATCH (t:ApiToken) WHERE t.id IN $tokens DELETE t', { tokens: tokenIds });
      });
      const [left] =
        (await cached?.db.read('MATCH (n) WHERE (n:Gap AND n.id IN $gaps) OR (n:ApiToken AND n.id IN $tokens) RETURN count(n) AS n', {
          gaps: gapIds,
          tokens: tokenIds,
        })) ?? [];
      if (cached) expect(left?.n).toBe(0);
    } finally {
      await cached?.stop();
      await uncached?.stop();
    }
  });

  it('answers a repeated anonymous heat map from the cache: no Cypher, the same body', async () => {
    const variables = { service: SERVICE };
    const first = await post(cached, HEAT_MAP, variables);
    expectData(first);
    expect(first.cache).toBe('miss');
    expect(first.roundTrips).toBeGreaterThan(0);

    const second = await post(cached, HEAT_MAP, variables);
    expect(second.cache).toBe('hit');
    expect(second.roundTrips).toBe(0);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);

    // Other variables are another entry.
    const other = await post(cached, HEAT_MAP, { service: SERVICE, asOf: '2030-01-01' });
    expect(other.cache).toBe('miss');
    expect(other.roundTrips).toBeGreaterThan(0);
    expect(heatMapOf(other).asOf).toBe('2030-01-01');
  });

  it('answers every query of the web front end as without the cache, then from the cache', async () => {
    const queries: [string, WebDocument, Record<string, unknown>][] = [
      ['metamodel', METAMODEL, {}],
      ['landscape', LANDSCAPE, {}],
      ['heat map as of a date', HEAT_MAP, { service: SERVICE, asOf: '2027-06-01' }],
      ['perspectives', PERSPECTIVES, {}],
      ['element and impact', ELEMENT, { id: 'losning-kjernejournal' }],
      ['standards, first page', STANDARDS, { first: 5, counted: true }],
      ['standards, next page', STANDARDS, { first: 5, counted: false, after: null }],
      ['search', SEARCH, { text: 'kjernejournal' }],
      ['norms', NORMS, { service: SERVICE }],
      ['me', ME, {}],
    ];
    for (const [name, query, variables] of queries) {
      const plain = await post(uncached, query, variables);
      expectData(plain);
      const miss = await post(cached, query, variables);
      const hit = await post(cached, query, variables);
      expect([miss.cache, hit.cache], name).toEqual(['miss', 'hit']);
      // Compared parsed: the executor orders sibling fields as their resolvers finish, so the
      // text of two executions may differ in key order.
      expect(miss.body, name).toEqual(plain.body);
      expect(hit.text, name).toBe(miss.text);
      expect(hit.roundTrips, name).toBe(0);
      expect(miss.roundTrips, name).toBe(plain.roundTrips);
    }
  });

  it('shows a gap marked through the API in the next anonymous heat map, though no cached answer held it', async () => {
    const variables = { service: SERVICE };
    await post(cached, HEAT_MAP, variables);
    const before = await post(cached, HEAT_MAP, variables);
    expect(before.cache).toBe('hit');

    const marked = await post(
      cached,
      `mutation($input: MarkGapInput!) { markGap(input: $input) { id layer } }`,
      {
        input: {
          service: SERVICE,
          layer: 'SEMANTIC',
          title: 'Mangler felles kodeverk (hurtigbuffertest)',
          description: 'Testens udekkede behov.',
          sources: [SOURCE],
        },
      },
      analyst,
    );
    const gap = (expectData(marked).markGap as { id: string; layer: string }).id;
    gapIds.push(gap);

    const after = await post(cached, HEAT_MAP, variables);
    expect(after.cache).toBe('miss');
    expect(after.roundTrips).toBeGreaterThan(0);
    expect(semanticGaps(heatMapOf(after))).toContain(gap);
    expect(semanticGaps(heatMapOf(before))).not.toContain(gap);
    expect(unmetNeeds(heatMapOf(after))).toBe(unmetNeeds(heatMapOf(before)) + 1);
    // The same as a server without the cache answers.
    expect(after.body).toEqual((await post(uncached, HEAT_MAP, variables)).body);

    // The fresh answer is cached in turn, and resolving the gap makes it a miss again.
    expect((await post(cached, HEAT_MAP, variables)).cache).toBe('hit');
    expectData(await post(cached, 'mutation($id: ID!) { resolveGap(id: $id) { id } }', { id: gap }, analyst));
    const resolved = await post(cached, HEAT_MAP, variables);
    expect(resolved.cache).toBe('miss');
    expect(unmetNeeds(heatMapOf(resolved))).toBe(unmetNeeds(heatMapOf(before)));
  });

  it('never answers nor caches a request with a token from the cache', async () => {
    const query = `query($service: ID!) { heatMap(service: $service) { asOf counts { status count } } }`;
    const variables = { service: SERVICE };
    const anonymous = await post(cached, query, variables);
    expect(anonymous.cache).toBe('miss');
    expect((await post(cached, query, variables)).cache).toBe('hit');

    for (let i = 0; i < 2; i++) {
      const withToken = await post(cached, query, variables, analyst);
      expectData(withToken);
      expect(withToken.roundTrips).toBeGreaterThan(0);
      expect(withToken.cache).toBeNull();
    }
    // An unknown token reads Neo4j too.
    expect((await post(cached, query, variables, 'not-a-token')).roundTrips).toBeGreaterThan(0);

    // What a caller with a token read was not cached for anyone.
    const meQuery = 'query OnlyWithToken { me { name role } }';
    expect(expectData(await post(cached, meQuery, {}, analyst)).me).toMatchObject({ role: 'ANALYST' });
    const me = await post(cached, meQuery);
    expect(me.cache).toBe('miss');
    expect(expectData(me).me).toBeNull();
  });

  it('caches no errors and lets an anonymous mutation fail as without the cache', async () => {
    const missing = `query($id: ID!) { element(id: $id) { id } }`;
    for (let i = 0; i < 2; i++) {
      const answer = await post(cached, missing, { id: 'element-finnes-ikke' });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(answer.roundTrips).toBeGreaterThan(0);
    }
    const mutation = `mutation($input: MarkGapInput!) { markGap(input: $input) { id service { id } } }`;
    const input = { input: { service: SERVICE, layer: 'LEGAL', title: 'Uten token', description: 'Skal ikke skrives.' } };
    const anonymous = await post(cached, mutation, input);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body).toEqual((await post(uncached, mutation, input)).body);
  });

  it('answers If-None-Match with 304 only until the next write', async () => {
    const body = JSON.stringify({ query: '{ workProcesses { id } }' });
    const send = (etag?: string) =>
      fetch(`${cached.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
        body,
      });
    const etag = (await send()).headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await send(etag ?? undefined)).status).toBe(304);

    // Any write of this instance (here a token) makes the entry behind that ETag stale.
    tokenIds.push((await createToken(cached.db, { name: `response cache etag ${Date.now()}`, role: 'ANALYST' })).id);
    const after = await send(etag ?? undefined);
    expect(after.status).toBe(200);
    expect(after.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('runs one query for many identical requests arriving together (single flight)', async () => {
    // asOf makes a key no earlier test used.
    const variables = { service: SERVICE, asOf: '2031-02-03' };
    const answers = await Promise.all(Array.from({ length: 24 }, () => post(cached, HEAT_MAP, variables)));
    for (const a of answers) expectData(a);
    const ran = answers.filter((a) => a.roundTrips > 0);
    expect(ran).toHaveLength(1);
    expect(answers.filter((a) => a.cache === 'miss')).toHaveLength(1);
    expect(answers.filter((a) => a.cache === 'hit' && a.roundTrips === 0)).toHaveLength(23);
    for (const a of answers) expect(a.text).toBe(ran[0]!.text);
  });

  it('answers If-None-Match with 304 on a hit and sends the stored bytes otherwise', async () => {
    const body = JSON.stringify({ query: HEAT_MAP.toString(), variables: { service: SERVICE } });
    const send = (etag?: string) =>
      fetch(`${cached.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
        body,
      });
    const first = await send();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const text = await first.text();
    const notModified = await send(etag);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get(ROUND_TRIPS_HEADER)).toBe('0');
    const other = await send('"0-something-else"');
    expect(other.status).toBe(200);
    expect(other.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
    expect(other.headers.get('etag')).toBe(etag);
    expect(other.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await other.text()).toBe(text);
  });

  it('caches nothing with RESPONSE_CACHE_TTL_MS=0', async () => {
    const variables = { service: SERVICE };
    for (let i = 0; i < 2; i++) {
      const answer = await post(uncached, HEAT_MAP, variables);
      expectData(answer);
      expect(answer.roundTrips).toBeGreaterThan(0);
      expect(answer.cache).toBeNull();
    }
  });

  it('drops an entry after its TTL, and leaves /health and /ready alone', async () => {
    const short = await startTestApp({ RESPONSE_CACHE_TTL_MS: '300' });
    try {
      const query = '{ actorTypes { id } }';
      expect((await post(short, query)).cache).toBe('miss');
      expect((await post(short, query)).cache).toBe('hit');
      await new Promise((ok) => setTimeout(ok, 400));
      const expired = await post(short, query);
      expect(expired.cache).toBe('miss');
      expect(expired.roundTrips).toBeGreaterThan(0);
      // At the next expiry many callers at once still cost one query: no stampede.
      await new Promise((ok) => setTimeout(ok, 400));
      const together = await Promise.all(Array.from({ length: 16 }, () => post(short, query)));
      expect(together.filter((a) => a.roundTrips > 0)).toHaveLength(1);
      expect(together.filter((a) => a.cache === 'hit')).toHaveLength(15);

      for (const path of ['health', 'ready']) {
        const res = await fetch(`${short.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get(RESPONSE_CACHE_HEADER), path).toBeNull();
        expect(res.headers.get('cache-control'), path).toBe('no-store');
      }
    } finally {
      await short.stop();
    }
  });
});
