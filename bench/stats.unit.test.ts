/** The benchmark's percentile code (pure; no database). */
import { describe, expect, it } from 'vitest';
import { median, medianSummary, percentile, summarize } from './stats';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('takes medians and summarizes runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const a = summarize([1, 2, 3, 4]);
    expect(a).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, max: 4 });
    expect(medianSummary([a, summarize([10]), summarize([5, 6])]).p50).toBe(5);
  });
});
