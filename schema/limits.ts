/**
 * Lengths and id shapes of the write inputs, as plain values: the zod schemas (validation.ts) check
 * them on the server and the web forms announce them before submit (maxlength), from this one place.
 */
export const LIMITS = {
  gapTitle: 300,
  gapDescription: 4000,
  changeDescription: 4000,
  dueText: 200,
  perspectiveName: 200,
  perspectiveDescription: 2000,
  /** Ids, including the generated perspective ids. */
  id: 120,
} as const;

/** Ids of the map's non-element records: a fixed prefix, then lower-case ASCII words joined by dashes. */
export function prefixedIdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-[a-z0-9]+(-[a-z0-9]+)*$`);
}

/** The years a planned change may be due in: earlier is a typo or history, later is not a plan. */
export const DUE_YEARS = { min: 2000, max: 2100 } as const;
