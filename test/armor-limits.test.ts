/**
 * GraphQL Armor's limits (api/yoga.ts): a query nested deeper than the limit, or with more aliases
 * than allowed, is rejected before it runs — an error, no data, no Cypher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app';

describe('query limits (GraphQL Armor)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('rejects a query deeper than the limit', async () => {
    // element → relationships → relationships → other → … : 3 levels per hop, 5 hops ≈ 16 deep.
    let selection = 'id';
    for (let i = 0; i < 5; i += 1) selection = `id relationships { relationships { other { ${selection} } } }`;
    const res = await app.gql(`{ element(id: "tjeneste-journaldokumenter") { ${selection} } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    expect(res.roundTrips === 0 || Number.isNaN(res.roundTrips)).toBe(true);
  });

  it('accepts the same shape within the limit', async () => {
    const res = await app.gql('{ element(id: "tjeneste-journaldokumenter") { id relationships { relationships { other { id } } } } }');
    expect(res.errors).toBeUndefined();
  });

  it('measures depth in fields: fragment spreads add no level, and hide none', async () => {
    // element, three hops of relationships → relationships → other, id: 11 fields deep, within
    // the limit of 12; every level behind its own fragment (9 spreads, 20 deep if they counted).
    const fragments: string[] = [];
    let spread = 'id';
    for (let hop = 3; hop >= 1; hop -= 1) {
      fragments.push(`fragment Other${hop} on Relationship { other { ${spread} } }`);
      fragments.push(`fragment Inner${hop} on RelationshipGroup { relationships { ...Other${hop} } }`);
      fragments.push(`fragment Outer${hop} on Element { id relationships { ...Inner${hop} } }`);
      spread = `...Outer${hop}`;
    }
    const within = await app.gql(`query { element(id: "tjeneste-journaldokumenter") { ${spread} } } ${fragments.join('\n')}`);
    expect(within.errors).toBeUndefined();
    expect(within.data).toBeTruthy();
    // The too-deep query above, written through a fragment, is still too deep.
    let selection = 'id';
    for (let i = 0; i < 5; i += 1) selection = `id relationships { relationships { other { ${selection} } } }`;
    const res = await app.gql(`query { element(id: "tjeneste-journaldokumenter") { ...Deep } } fragment Deep on Element { ${selection} }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects a query with too many aliases', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: search(text: "kjernejournal", first: 1) { score }`).join('\n');
    const res = await app.gql(`{ ${aliases} }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
    expect(res.roundTrips === 0 || Number.isNaN(res.roundTrips)).toBe(true);
  });
});
