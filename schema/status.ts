/**
 * How a cell's heat-map status is derived for a date: the specification in TypeScript, pure and
 * unit-tested. The API's Cypher fragments (api/cypher/status.ts) are tested to agree with it; the
 * ArchiMate export (store/archimate.ts) uses it to colour its heat-map views without a query.
 *
 * An element is visible on `asOf` when it is not expired, its validity covers the date, or it is
 * not yet valid but an introduction is planned. Its status is:
 * - PHASE_OUT when its lifecycle says so or an open phase-out/replacement is due on or before asOf;
 * - CHANGES_PLANNED when it is proposed/on trial/being introduced, not yet valid, or an open change is
 *   due after asOf or has no date at all (the sources say it is coming, not when);
 * - EXISTS otherwise. UNMET_NEED belongs to gaps, which have no element.
 * A change's date is compared by `dueBy`, the last day of its period: due "2024" is due on
 * 2024-12-31, so on 2024-06-01 it is still planned. Expired and withdrawn elements are not drawn.
 */
import type { ChangeType, HeatStatus, Lifecycle } from './metamodel';

export interface StatusInputs {
  lifecycle: Lifecycle;
  validFrom: string | null;
  validTo: string | null;
  openChanges: { change: ChangeType; dueBy: string | null }[];
}

export const ENDING: readonly ChangeType[] = ['PHASE_OUT', 'REPLACE'];
export const COMING: readonly Lifecycle[] = ['PROPOSED', 'TRIAL', 'INTRODUCING'];
export const GONE: readonly Lifecycle[] = ['EXPIRED', 'WITHDRAWN'];

export function isVisible(e: StatusInputs, asOf: string): boolean {
  if (GONE.includes(e.lifecycle)) return false;
  if (e.validTo !== null && e.validTo <= asOf) return false;
  if (e.validFrom !== null && e.validFrom > asOf) return e.openChanges.some((c) => c.change === 'INTRODUCE');
  return true;
}

/** The status of an element in force; null for one that is not (expired, or a withdrawn bill): it has no heat-map status. */
export function deriveStatus(e: StatusInputs, asOf: string): Exclude<HeatStatus, 'UNMET_NEED'> | null {
  if (GONE.includes(e.lifecycle)) return null;
  if (e.lifecycle === 'PHASING_OUT' || e.openChanges.some((c) => ENDING.includes(c.change) && c.dueBy !== null && c.dueBy <= asOf)) return 'PHASE_OUT';
  if (COMING.includes(e.lifecycle) || (e.validFrom !== null && e.validFrom > asOf) || e.openChanges.some((c) => c.dueBy === null || c.dueBy > asOf)) {
    return 'CHANGES_PLANNED';
  }
  return 'EXISTS';
}
