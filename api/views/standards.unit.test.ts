/** The standards connection's cursors and page shaping, and the selection look-ahead, without a database. */
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../resolvers/selection';
import { buildStandardsPage, decodeStandardCursor, encodeStandardCursor } from './standards';

const element = (id: string, name: string) => ({
  id,
  kind: 'CODE_SYSTEM',
  name,
  nameEn: name,
  layers: ['SEMANTIC'],
  lifecycle: 'ACTIVE',
  description: '',
  sources: [],
});
const service = { id: 'tjeneste-a', name: 'A', nameEn: 'A', description: '', sources: [] };

describe('standards cursors', () => {
  it('round-trip a position, names with quotes and Norwegian letters included', () => {
    const p = { name: 'Kodeverk "Æøå" 12', id: 'kodeverk-x' };
    expect(decodeStandardCursor(encodeStandardCursor(p))).toEqual(p);
  });

  it('refuse what is not one of theirs', () => {
    expect(decodeStandardCursor('not a cursor')).toBeNull();
    expect(decodeStandardCursor(Buffer.from('offset:3').toString('base64'))).toBeNull();
    expect(decodeStandardCursor(Buffer.from('standard:{"name":1}').toString('base64'))).toBeNull();
    expect(decodeStandardCursor(Buffer.from('standard:["x", "Not An Id"]').toString('base64'))).toBeNull();
    expect(decodeStandardCursor(Buffer.from('standard:[').toString('base64'))).toBeNull();
  });
});

describe('buildStandardsPage', () => {
  const row = {
    entries: [
      { element: element('kodeverk-b', 'b'), status: 'EXISTS', uses: [{ service, layer: 'SEMANTIC' }], changes: [] },
      { element: element('kodeverk-a', 'B'), status: 'EXISTS', uses: [], changes: [] },
      { element: element('kodeverk-c', 'c'), status: 'EXISTS', uses: [], changes: [] },
    ],
    totalCount: null,
    services: null,
  };

  it('keeps `first` entries in code-unit order and says whether there is a next page', () => {
    const page = buildStandardsPage(row, { first: 2, after: null, asOf: '2026-01-01' });
    expect(page.edges.map((e) => e.node.element.id)).toEqual(['kodeverk-a', 'kodeverk-b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeStandardCursor(page.pageInfo.endCursor ?? '')).toEqual({ name: 'b', id: 'kodeverk-b' });
    expect(page.totalCount).toBeNull();
    const last = buildStandardsPage(row, { first: 3, after: { name: 'a', id: 'x' }, asOf: '2026-01-01' });
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('lists services without a summary as references to summarise on the page date', () => {
    const page = buildStandardsPage(row, { first: 2, after: null, asOf: '2026-01-01' });
    expect(page.edges[1]?.node.services[0]?.service).toEqual({ ...service, summaryAsOf: '2026-01-01' });
  });
});

describe('selectedFields', () => {
  const info = (query: string) => {
    const doc = parse(query);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const field = op.selectionSet.selections[0];
    if (field?.kind !== Kind.FIELD) throw new Error('no field');
    return { fieldNodes: [field], fragments };
  };

  it('follows fields, inline fragments and named fragments', () => {
    const i = info(`{ standards { ...P edges { node { services { service { id ... on InformationService { statusCounts { count } } } } } } } }
      fragment P on StandardConnection { totalCount }`);
    expect(selectedFields(i, [])).toEqual(new Set(['edges', 'totalCount']));
    expect(selectedFields(i, ['edges', 'node', 'services', 'service'])).toEqual(new Set(['id', 'statusCounts']));
    expect(selectedFields(info('{ standards { edges { cursor } } }'), ['edges', 'node'])).toEqual(new Set());
  });
});
