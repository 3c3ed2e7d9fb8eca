/**
 * Every read query of the API finds what it looks up by id through a unique index, never by
 * scanning a label: at 100 000 elements a scan of the services costs more than the rest of the heat
 * map. Checked with EXPLAIN on a real Neo4j for every query module exports — a new query is
 * checked without being listed here. (The landscape and the analysts' lists read whole labels by
 * design; what is checked is that each `{id: $x}` or `.id IN $xs` in the text becomes an index seek.)
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import neo4j, { type Driver, type Plan } from 'neo4j-driver';
import { testDriver } from '../../test/neo4j-provider';
import { defineQuery, Query } from '../../store/query';
import { elementsPageCypher } from './elements';

const DIR = fileURLToPath(new URL('./', import.meta.url));
/** Query modules; writes.ts holds the analysts' write statements, checked by the write tests. */
const modules = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'writes.ts');

async function exportedQueries(): Promise<{ name: string; cypher: string }[]> {
  const found: { name: string; cypher: string }[] = [];
  for (const file of modules) {
    const mod = (await import(`./${file}`)) as Record<string, unknown>;
    // Every query is made by defineQuery; fragments spliced into queries stay plain text.
    for (const [name, value] of Object.entries(mod)) if (value instanceof Query) found.push({ name: `${file}:${name}`, cypher: value.cypher });
  }
  // Built per request from the kinds asked for; checked with and without kinds.
  found.push(
    { name: 'elements.ts:elementsPageCypher(null)', cypher: elementsPageCypher(null).cypher },
    { name: 'elements.ts:elementsPageCypher([LAW])', cypher: elementsPageCypher(['LAW']).cypher },
  );
  return found;
}

/** A value for each `$param` of the text, of a type the planner accepts. */
function paramsOf(cypher: string): Record<string, unknown> {
  const names = new Set([...cypher.matchAll(/\$([A-Za-z]\w*)/g)].map((m) => m[1] ?? ''));
  const lists = /^(ids|types|words|kinds|layers|statuses|normativeLevels|lifecycles|services)$/;
  const ints = /^(depth|first|candidates|skip|limit|offset)$/;
  const flags = /^(include\w+|happened)$/;
  const maps = /^(after)$/;
  return Object.fromEntries(
    [...names].map((n) => [n, lists.test(n) ? ['x'] : ints.test(n) ? neo4j.int(2) : flags.test(n) ? true : maps.test(n) ? { name: 'x', id: 'x' } : 'x']),
  );
}

/** Every operator of a plan, depth first. */
function operators(plan: Plan): string[] {
  return [plan.operatorType.replace(/@.*$/, ''), ...plan.children.flatMap(operators)];
}

describe('every read query finds its subject by index', () => {
  let driver: Driver;
  let database: string;
  beforeAll(() => {
    ({ driver, database } = testDriver());
  });
  afterAll(async () => {
    await driver.close();
  });

  it('covers the views (a new exported query is found without listing it)', async () => {
    const names = (await exportedQueries()).map((q) => q.name.split(':')[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        'HEAT_MAP_OF_SERVICE',
        'NORMS_FOR_SERVICE',
        'STANDARDS_PAGE',
        'STANDARDS_PAGE_COUNTED_SUMMARISED',
        'ELEMENT_BY_ID',
        'IMPACT_OF_ELEMENT',
        'EVENTS',
        'LANDSCAPE',
        'SEARCH_ELEMENTS',
      ]),
    );
    // Every query a resolver reads with: each exported const of a query module other than writes.ts.
    expect(names).toEqual(
      expect.arrayContaining([
        'ELEMENTS_BY_IDS',
        'RELATIONSHIPS_OF_ELEMENTS',
        'CHANGES_OF_ELEMENTS',
        'GAPS_OF_ELEMENTS',
        'EVENTS_OF_ELEMENTS',
        'PERSPECTIVES',
        'PERSPECTIVE_BY_ID',
        'HEAT_MAP_DIFF',
        'LANDSCAPE_DIFF',
        'TIMELINE',
        'NORMS_FOR_ROLE',
        'SCENARIOS',
        'SCENARIO_BY_ID',
        'GAPS',
        'PLANNED_CHANGES',
        'MEASURES_IN_RANK_ORDER',
        'SERVICE_SUMMARIES',
      ]),
    );
  });

  it('finds a query it was not told about', () => {
    // What the discovery relies on: defineQuery makes a Query, which it recognises by class.
    expect(defineQuery('MATCH (n:Element {id: $id}) RETURN n')).toBeInstanceOf(Query);
  });

  // Planning twenty-odd large queries takes a minute or more on a busy machine: a longer limit than the default.
  it('turns each lookup by id into a unique-index seek', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    for (const { name, cypher } of await exportedQueries()) {
      const lookups = (cypher.match(/\{id: \$\w+\}/g) ?? []).length + (cypher.match(/\.id IN \$\w+/g) ?? []).length;
      if (lookups === 0) continue;
      const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, paramsOf(cypher), { database, routing: neo4j.routing.READ });
      const ops = operators(summary.plan as Plan);
      const seeks = ops.filter((o) => /^Node(Unique)?IndexSeek/.test(o) || o === 'MultiNodeIndexSeek').length;
      if (seeks < 1) failures.push(`${name}: ${lookups} lookup(s) by id but no index seek (${ops.join(' ← ')})`);
      if (ops.includes('AllNodesScan')) failures.push(`${name}: scans all nodes`);
    }
    expect(failures).toEqual([]);
  });

  it('the check sees a label scan where there is one', async () => {
    const { summary } = await driver.executeQuery('EXPLAIN MATCH (s:InformationService {id: $id}) RETURN s', { id: 'x' }, { database });
    const ops = operators(summary.plan as Plan);
    expect(ops).toContain('NodeByLabelScan');
    expect(ops.filter((o) => /^Node(Unique)?IndexSeek/.test(o))).toEqual([]);
  });
});
