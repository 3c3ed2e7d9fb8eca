/** The targets table judged from results (pure; no database). */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, renderMarkdown } from './report';
import type { BenchResults, CaseResult, Side } from './results';

const side = (p50: number, rps: number, p95 = p50 * 2): Side => ({
  latency: { p50, p95, p99: p95, max: p95, count: 10 },
  latencyRuns: [],
  requestsPerSecond: rps,
  errors: 0,
  throughputRuns: [{ requestsPerSecond: rps, requests: rps, errors: 0, non2xx: 0, graphqlErrors: 0, latencyP50: 1, latencyP99: 2 }],
});

function caseOf(label: string, elements: number, synthetic: boolean, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    label,
    synthetic,
    elements,
    relationships: elements * 10,
    loadMs: [20_000],
    loadMedianMs: 20_000,
    loadAverage: { start: 1, end: 1 },
    rss: { restNodeMb: 1, restJavaMb: 1, loadNodeMb: 1, loadJavaMb: 1 },
    queries: [{ name: 'heatMap', api: side(12, 500), floor: side(10, 600), ratio: { p50: 1.2, p95: 1.2, throughput: 1.2 } }],
    ...extra,
  };
}

function results(cases: CaseResult[]): BenchResults {
  return {
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:10:00Z',
    machine: { cpus: 2, model: 'cpu', ramGiB: 24, node: 'v20.0.0', java: 'java 17', platform: 'linux x64', loadAverage: 1 },
    options: { sizes: [10_000], runs: 1, requests: 10, seconds: 1, connections: 32, heapMb: 1, pageCacheMb: 1, quick: true },
    cases,
    realMap: null,
    startup: { skipped: 'not asked for' },
    targets: [],
  };
}

const find = (r: BenchResults, start: string) => evaluateTargets(r).find((t) => t.target.startsWith(start));

describe('bench targets', () => {
  it('judges the cache against bare node:http by req/s, on the real map first', () => {
    const bare = (ours: number, theirs: number) => ({ queries: [], ttlMs: 5000, bare: { bytes: 51_000, ours: side(1, ours), bare: side(1, theirs) } });
    const met = results([caseOf('real map', 300, false, { cached: bare(2000, 3000) }), caseOf('synthetic 10000', 10_000, true, { cached: bare(100, 3000) })]);
    expect(find(met, 'cached deep heat map')).toMatchObject({ met: true, note: 'judged on real map' });
    expect(find(met, 'cached deep heat map')?.measured).toContain('67 %');
    const missed = results([caseOf('real map', 300, false, { cached: bare(1000, 3000) })]);
    expect(find(missed, 'cached deep heat map')?.met).toBe(false);
    expect(find(results([caseOf('real map', 300, false)]), 'cached deep heat map')?.met).toBeNull();
  });

  it('holds the real map to API/floor 1.6 and 10k to 1.3, and wants every view measured', () => {
    const r = results([caseOf('real map', 300, false), caseOf('synthetic 10000', 10_000, true)]);
    expect(find(r, 'API/floor ≤ 1.6')?.met).toBe(true);
    expect(find(r, 'API/floor ≤ 1.3 (p50) on every view, 10k')?.met).toBe(true);
    const slow = caseOf('synthetic 10000', 10_000, true);
    slow.queries.push(
      { name: 'norms', api: side(14, 400), floor: side(10, 600), ratio: { p50: 1.4, p95: 1.4, throughput: 1.5 } },
      { name: 'impact', error: 'boom' },
    );
    const t = find(results([slow]), 'API/floor ≤ 1.3 (p50) on every view, 10k');
    expect(t).toMatchObject({ met: false, note: 'not measured: impact' });
    expect(t?.measured).toContain('worst 1.40 (norms)');
  });

  it('is ahead of the peer only with p50 ≤ 0.8 and req/s ≥ 1.25 at every size', () => {
    const peer = (p50: number, rps: number) => ({ ratio: { p50, requestsPerSecond: rps } });
    const sizes = (p50: number, rps: number) => [
      caseOf('real map', 300, false, { peer: peer(p50, rps) }),
      ...[1_000, 10_000, 100_000].map((n) => caseOf(`synthetic ${n}`, n, true, { peer: peer(p50, rps) })),
    ];
    expect(find(results(sizes(0.7, 1.3)), 'ahead of @neo4j/graphql')?.met).toBe(true);
    expect(find(results(sizes(0.9, 1.3)), 'ahead of @neo4j/graphql')?.met).toBe(false);
    expect(find(results(sizes(0.7, 1.3).slice(0, 2)), 'ahead of @neo4j/graphql')).toMatchObject({ met: false, note: 'ours/peer; not every size measured' });
  });

  it('writes the bare comparison and the Node 24 rows into the document', () => {
    const r = results([
      caseOf('real map', 300, false, {
        cached: {
          queries: [{ name: 'deep heat map', side: side(1, 2500), bytes: 51_000 }],
          ttlMs: 5000,
          bare: { bytes: 51_000, ours: side(1, 2000), bare: side(1, 3000) },
        },
        node24: { version: 'v24.1.0', queries: [{ name: 'heatMap', side: side(9, 700) }] },
      }),
    ]);
    r.targets = evaluateTargets(r);
    const md = renderMarkdown(r, 'bench/results/x.json');
    expect(md).toContain('| real map | 50 KiB |');
    expect(md).toMatch(/\| 2000 \| 3000 \| 0\.67 \|/);
    expect(md).toContain('| real map | heatMap | v24.1.0 |');
    expect(md).toContain('| real map | heatMap | v20.0.0 |');
  });
});
