/** Relay cursors and page info of `elements`, without a database. */
import { describe, expect, it } from 'vitest';
import { buildConnection, decodeCursor, encodeCursor } from './elements';

const element = (id: string) => ({ id, kind: 'LAW', name: id, nameEn: id, layers: ['LEGAL'], lifecycle: 'ACTIVE', status: 'EXISTS' });

describe('elements connection', () => {
  it('round-trips opaque cursors and rejects foreign ones', () => {
    for (const n of [0, 1, 49, 199, 123456]) expect(decodeCursor(encodeCursor(n))).toBe(n);
    expect(encodeCursor(3)).not.toContain('3');
    for (const bad of [
      '',
      'abc',
      '42',
      Buffer.from('offset:-1').toString('base64'),
      Buffer.from('offset:1e3').toString('base64'),
      Buffer.from('other:1').toString('base64'),
    ]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it('builds edges and page info from one page and the total', () => {
    const c = buildConnection({ page: [element('lov-a'), element('lov-b')], totalCount: 5 }, 2);
    expect(c.totalCount).toBe(5);
    expect(c.edges.map((e) => [e.node.id, decodeCursor(e.cursor)])).toEqual([
      ['lov-a', 2],
      ['lov-b', 3],
    ]);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(2), endCursor: encodeCursor(3) });
    const last = buildConnection({ page: [], totalCount: 0 }, 0);
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
