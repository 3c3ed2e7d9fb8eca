/**
 * The views that look up one service, actor type or element by id must find it through the
 * unique index on Element(id), not by scanning a label: at 100 000 elements a label scan of the
 * services costs more than the rest of the heat map. Checked with EXPLAIN on a real Neo4j. (The
 * analysts' lists, gaps and planned changes, read the whole map by design and are not here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import neo4j, { type Driver, type Plan } from 'neo4j-driver';
import { testDriver } from '../../test/neo4j-provider';
import { ELEMENT_BY_ID } from './element';
import { HEAT_MAP_OF_SERVICE } from './heat-map';
import { IMPACT_OF_ELEMENT } from './impact';
import { NORMS_FOR_SERVICE } from './norms';
import { STANDARDS_BY_LAYER } from './standards';

const asOf = '2026-01-01';
const VIEWS: { name: string; cypher: string; params: Record<string, unknown> }[] = [
  { name: 'heatMap', cypher: HEAT_MAP_OF_SERVICE, params: { service: 'tjeneste-x', perspective: 'p', asOf } },
  { name: 'norms', cypher: NORMS_FOR_SERVICE, params: { service: 'tjeneste-x', actorType: 'aktortype-x', asOf } },
  { name: 'standards', cypher: STANDARDS_BY_LAYER, params: { service: 'tjeneste-x', layer: null, normativeLevels: null, statuses: null, asOf } },
  { name: 'element', cypher: ELEMENT_BY_ID, params: { id: 'x', asOf } },
  { name: 'impact', cypher: IMPACT_OF_ELEMENT, params: { element: 'x', depth: neo4j.int(2), asOf } },
];

/** Every operator of a plan, with its details, depth first. */
function operators(plan: Plan): { type: string; details: string }[] {
  const details = String((plan.arguments as Record<string, unknown>).Details ?? '');
  return [{ type: plan.operatorType.replace(/@.*$/, ''), details }, ...plan.children.flatMap(operators)];
}

describe('views find their subject by index', () => {
  let driver: Driver;
  let database: string;
  beforeAll(() => {
    ({ driver, database } = testDriver());
  });
  afterAll(async () => {
    await driver.close();
  });

  it.each(VIEWS)('$name uses no label or node scan', async ({ cypher, params }) => {
    const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, params, { database, routing: neo4j.routing.READ });
    expect(summary.plan).toBeTruthy();
    const ops = operators(summary.plan as Plan);
    expect(ops.length).toBeGreaterThan(1);
    expect(ops.filter((o) => o.type === 'AllNodesScan' || o.type === 'NodeByLabelScan')).toEqual([]);
  });

  it('the check sees a label scan where there is one', async () => {
    const { summary } = await driver.executeQuery('EXPLAIN MATCH (s:InformationService {id: $id}) RETURN s', { id: 'x' }, { database });
    expect(operators(summary.plan as Plan).map((o) => o.type)).toContain('NodeByLabelScan');
  });
});
