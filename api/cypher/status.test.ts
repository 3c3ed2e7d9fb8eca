/**
 * The status derivation: the TypeScript specification on its own, then the Cypher fragments
 * against a real Neo4j, case by case, to show the two agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { testDriver } from '../../test/neo4j-provider';
import { deriveStatus, isVisible, statusCypher, visibleCypher, type StatusInputs } from './status';

const CASES: { name: string; e: StatusInputs; asOf: string; visible: boolean; status: string | null }[] = [
  {
    name: 'active, no changes',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [] },
    asOf: '2024-01-01',
    visible: true,
    status: 'EXISTS',
  },
  {
    name: 'phase-out due later',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'PHASE_OUT', dueBy: '2025-06-30' }] },
    asOf: '2025-06-29',
    visible: true,
    status: 'CHANGES_PLANNED',
  },
  {
    name: 'phase-out due on the date',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'PHASE_OUT', dueBy: '2025-06-30' }] },
    asOf: '2025-06-30',
    visible: true,
    status: 'PHASE_OUT',
  },
  {
    name: 'revision due, past',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'REVISE', dueBy: '2023-01-01' }] },
    asOf: '2024-01-01',
    visible: true,
    status: 'EXISTS',
  },
  {
    name: 'lifecycle phasing out',
    e: { lifecycle: 'PHASING_OUT', validFrom: null, validTo: null, openChanges: [] },
    asOf: '2024-01-01',
    visible: true,
    status: 'PHASE_OUT',
  },
  {
    name: 'being introduced',
    e: { lifecycle: 'INTRODUCING', validFrom: '2020-01-01', validTo: null, openChanges: [] },
    asOf: '2024-01-01',
    visible: true,
    status: 'CHANGES_PLANNED',
  },
  {
    name: 'not yet valid, no introduction planned',
    e: { lifecycle: 'ACTIVE', validFrom: '2030-01-01', validTo: null, openChanges: [] },
    asOf: '2024-01-01',
    visible: false,
    status: 'CHANGES_PLANNED',
  },
  {
    name: 'not yet valid, introduction planned',
    e: { lifecycle: 'ACTIVE', validFrom: '2030-01-01', validTo: null, openChanges: [{ change: 'INTRODUCE', dueBy: '2030-01-01' }] },
    asOf: '2024-01-01',
    visible: true,
    status: 'CHANGES_PLANNED',
  },
  {
    name: 'validity ended',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: '2023-12-31', openChanges: [] },
    asOf: '2024-01-01',
    visible: false,
    status: 'EXISTS',
  },
  { name: 'expired', e: { lifecycle: 'EXPIRED', validFrom: null, validTo: null, openChanges: [] }, asOf: '2024-01-01', visible: false, status: null },
  { name: 'withdrawn bill', e: { lifecycle: 'WITHDRAWN', validFrom: null, validTo: null, openChanges: [] }, asOf: '2024-01-01', visible: false, status: null },
  {
    name: 'phase-out with no date given stays planned',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'PHASE_OUT', dueBy: null }] },
    asOf: '2040-01-01',
    visible: true,
    status: 'CHANGES_PLANNED',
  },
  // Due "2024" is stored with dueBy 2024-12-31: within the year it is still planned.
  {
    name: 'phase-out due "2024", mid-year',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'PHASE_OUT', dueBy: '2024-12-31' }] },
    asOf: '2024-06-01',
    visible: true,
    status: 'CHANGES_PLANNED',
  },
  {
    name: 'phase-out due "2024", at the year end',
    e: { lifecycle: 'ACTIVE', validFrom: null, validTo: null, openChanges: [{ change: 'PHASE_OUT', dueBy: '2024-12-31' }] },
    asOf: '2024-12-31',
    visible: true,
    status: 'PHASE_OUT',
  },
];

describe('status derivation (specification)', () => {
  it.each(CASES)('$name', ({ e, asOf, visible, status }) => {
    expect(isVisible(e, asOf)).toBe(visible);
    expect(deriveStatus(e, asOf)).toBe(status);
  });
});

describe('status derivation in Cypher agrees with the specification', () => {
  let driver: Driver;
  let database: string;
  beforeAll(() => {
    ({ driver, database } = testDriver());
  });
  afterAll(async () => {
    await driver.close();
  });

  it.each(CASES)('$name', async ({ e, asOf, visible, status }) => {
    // No writes: the element is a map literal, so this runs beside other tests safely.
    const { records } = await driver.executeQuery(
      `WITH $e AS e, $open AS open RETURN ${visibleCypher('e', 'open')} AS visible, ${statusCypher('e', 'open')} AS status`,
      { e: { lifecycle: e.lifecycle, validFrom: e.validFrom, validTo: e.validTo }, open: e.openChanges, asOf },
      { database },
    );
    expect(records[0]?.get('visible')).toBe(visible);
    expect(records[0]?.get('status')).toBe(status);
  });
});
