import { describe, expect, it } from 'vitest';
import type { PlannedChangeRecord } from '../model';
import { causeOf, isOverdue } from './planning';

const change = (id: string, kind: PlannedChangeRecord['change'], dueBy: string | null, completedAt: string | null = null): PlannedChangeRecord => ({
  id,
  change: kind,
  due: dueBy?.slice(0, 4) ?? null,
  dueBy,
  dueText: null,
  description: '',
  element: 'e',
  measure: null,
  replacement: null,
  completedAt,
  sources: [],
});

describe('causeOf', () => {
  const from = '2026-01-01';
  const to = '2028-12-31';
  it('names the change falling due in between, preferring an ending one when the cell ends phased out', () => {
    const changes = [change('c-revise', 'REVISE', '2027-12-31'), change('c-out', 'PHASE_OUT', '2028-06-30')];
    expect(causeOf('CHANGES_PLANNED', 'PHASE_OUT', changes, from, to)).toMatchObject({ cause: 'PHASE_OUT', change: { id: 'c-out' } });
    expect(causeOf('CHANGES_PLANNED', 'EXISTS', [changes[0] as PlannedChangeRecord], from, to)).toMatchObject({ cause: 'REVISE', change: { id: 'c-revise' } });
  });
  it('names an introduction when the cell appears, and ignores changes due outside the window', () => {
    const changes = [change('c-early', 'REVISE', '2025-12-31'), change('c-intro', 'INTRODUCE', '2027-12-31')];
    expect(causeOf(null, 'EXISTS', changes, from, to)).toMatchObject({ cause: 'INTRODUCE', change: { id: 'c-intro' } });
    expect(causeOf('EXISTS', null, [change('c-late', 'PHASE_OUT', '2030-12-31')], from, to)).toEqual({ cause: 'VALIDITY', change: null });
  });
});

describe('isOverdue', () => {
  it('is a due period ended before the date, not completed', () => {
    expect(isOverdue(change('a', 'REVISE', '2024-12-31'), '2025-01-01')).toBe(true);
    expect(isOverdue(change('a', 'REVISE', '2024-12-31'), '2024-12-31')).toBe(false);
    expect(isOverdue(change('a', 'REVISE', '2024-12-31', '2024-10-01'), '2025-06-01')).toBe(false);
    expect(isOverdue(change('a', 'REVISE', null), '2025-06-01')).toBe(false);
  });
});
