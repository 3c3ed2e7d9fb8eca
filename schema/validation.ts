/**
 * zod schemas for every input, derived from the metamodel: seed files, imports, GraphQL
 * arguments and mutations all validate through these, so an enum or id rule lives in one place.
 */
import { z } from 'zod';
import {
  CHANGE_TYPE_IDS,
  HEAT_STATUS_IDS,
  IDENTIFIER_SCHEME_IDS,
  KINDS,
  KIND_IDS,
  LAYER_IDS,
  LIFECYCLE_IDS,
  NORMATIVE_LEVEL_IDS,
  RELATIONSHIPS,
  RELATIONSHIP_TYPES,
  SOURCE_DOCUMENTS,
  type Kind,
} from './metamodel';
import { partialDateParts } from './dates';
import { LIMITS, prefixedIdPattern } from './limits';
import { PRIORITISATION, PRIORITISATION_GROUPS } from './prioritisation';

export const layerSchema = z.enum(LAYER_IDS);
export const kindSchema = z.enum(KIND_IDS);
export const heatStatusSchema = z.enum(HEAT_STATUS_IDS);
export const normativeLevelSchema = z.enum(NORMATIVE_LEVEL_IDS);
export const lifecycleSchema = z.enum(LIFECYCLE_IDS);
export const relationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);
export const changeTypeSchema = z.enum(CHANGE_TYPE_IDS);

/** Stable ids: lower-case ASCII words joined by dashes (`lov-pasientjournalloven`). */
export const idSchema = z
  .string()
  .min(3)
  .max(120)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case ASCII words joined by dashes');

/** ISO calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a calendar date');

/** A date at the precision its source gives: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (see ./dates.ts). */
export const partialDateSchema = z
  .string()
  .refine((s) => partialDateParts(s) !== undefined, 'must be a date as precise as its source: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD');

const DOCUMENT_REF = /^[0-9]{3}_[0-9a-f]{16}\.txt:[0-9]+(-[0-9]+)?$/;
/** Public pages a fact may come from where the five documents are silent (Lovdata, the reference catalogue). */
const PUBLIC_REF = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/[^\s]*)?$/;

/**
 * A source: lines of one of the five documents, "document:from-to" (or "document:line"), or the
 * address of a public page (https://…) for facts the documents do not give.
 */
export const sourceRefSchema = z
  .string()
  .max(500)
  .refine((s) => DOCUMENT_REF.test(s) || PUBLIC_REF.test(s), 'must look like 003_bc528292a39bd4db.txt:2490-2520 or https://lovdata.no/…')
  .refine((s) => PUBLIC_REF.test(s) || (SOURCE_DOCUMENTS as readonly string[]).includes(s.split(':')[0] ?? ''), 'names an unknown source document')
  .refine((s) => {
    const lines = documentLines(s);
    return lines === undefined || (lines.fromLine >= 1 && lines.toLine >= lines.fromLine);
  }, 'line range must be ascending and start at 1 or later');

/** Where a fact comes from: one of the five documents, or a public page. */
export type SourceRef = { origin: 'DOCUMENT'; document: string; fromLine: number; toLine: number } | { origin: 'PUBLIC'; url: string };

export function isPublicRef(ref: string): boolean {
  return PUBLIC_REF.test(ref);
}

export function parseSourceRef(ref: string): SourceRef {
  if (PUBLIC_REF.test(ref)) return { origin: 'PUBLIC', url: ref };
  const [document = '', range = ''] = ref.split(':');
  const [from = '0', to] = range.split('-');
  return { origin: 'DOCUMENT', document, fromLine: Number(from), toLine: Number(to ?? from) };
}

/** A document source's lines; undefined for a public page. */
export function documentLines(ref: string): { document: string; fromLine: number; toLine: number } | undefined {
  const s = parseSourceRef(ref);
  return s.origin === 'DOCUMENT' ? s : undefined;
}

/**
 * A cited line range that does not name what it supports, and why it is still the right source
 * (e.g. "the name is the slide's title at line 2470"). The citation check counts these.
 */
export const citationExceptionSchema = z.object({ source: sourceRefSchema, reason: z.string().trim().min(10).max(1000) }).strict();

/** An official identifier "SCHEME:value", e.g. "LOVDATA:LOV-2014-06-20-42" or "IHE:XDS". */
export const identifierSchema = z
  .string()
  .max(300)
  .refine((s) => (IDENTIFIER_SCHEME_IDS as readonly string[]).includes(s.split(':')[0] ?? ''), {
    message: `must start with one of ${IDENTIFIER_SCHEME_IDS.join(', ')} and a colon`,
  })
  .refine((s) => s.indexOf(':') < s.length - 1, 'has no value after the scheme');

const text = (max: number) => z.string().trim().min(1).max(max);

export const scoreSchema = z.object({ criterion: text(200), value: z.number().finite() });

/** An element as written in a seed file, an import, or `upsertElement`. */
export const elementInputSchema = z
  .object({
    id: idSchema,
    kind: kindSchema,
    name: text(300),
    nameEn: text(300),
    layers: z.array(layerSchema).min(1).max(4),
    description: text(4000),
    descriptionEn: text(4000).optional(),
    lifecycle: lifecycleSchema.default('ACTIVE'),
    normativeLevel: normativeLevelSchema.optional(),
    /** Date the recorded status holds for (usually the source document's date). */
    statusDate: isoDateSchema.optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    identifiers: z.array(identifierSchema).max(20).default([]),
    /** Other names and abbreviations the sources use for it ("e-helseloven", "PLL", "NHN"); search finds them. */
    aliases: z.array(text(200)).max(40).default([]),
    sources: z.array(sourceRefSchema).min(1, 'every element needs at least one source').max(50),
    /** The lines (or public page) that give a lifecycle other than ACTIVE. */
    lifecycleSources: z.array(sourceRefSchema).max(10).default([]),
    /** The lines (or public page, e.g. the reference catalogue) that give the normative level. */
    normativeLevelSources: z.array(sourceRefSchema).max(10).default([]),
    citationExceptions: z.array(citationExceptionSchema).max(20).default([]),
    notes: z.array(text(2000)).max(20).default([]),
    /** MEASURE only: rank and total score of the prioritisation, and the criterion scores. */
    rank: z.number().int().positive().optional(),
    score: z.number().finite().optional(),
    scores: z.array(scoreSchema).max(40).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    const prefix = `${KINDS[e.kind].idPrefix}-`;
    if (!e.id.startsWith(prefix)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['id'], message: `an element of kind ${e.kind} has an id starting with "${prefix}"` });
    }
    if (new Set(e.layers).size !== e.layers.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['layers'], message: 'lists a layer twice' });
    }
    if (e.validFrom && e.validTo && e.validTo < e.validFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['validTo'], message: 'is before validFrom' });
    }
    if (e.kind !== 'MEASURE' && (e.rank !== undefined || e.score !== undefined || e.scores.length > 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rank'], message: 'only measures (MEASURE) carry rank and scores' });
    }
  });
export type ElementInput = z.infer<typeof elementInputSchema>;

export const relationshipInputSchema = z
  .object({
    from: idSchema,
    type: relationshipTypeSchema,
    to: idSchema,
    /** The heat-map row; required for APPLIES_TO, absent otherwise. */
    layer: layerSchema.optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    sources: z.array(sourceRefSchema).max(50).default([]),
    note: text(2000).optional(),
    /** Why the cited lines do not name both ends (the citation check counts these). */
    citationException: text(1000).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const layered = RELATIONSHIPS[r.type].layered;
    if (layered && !r.layer) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['layer'], message: `${r.type} needs the layer of the heat-map row` });
    if (!layered && r.layer) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['layer'], message: `${r.type} has no layer` });
    if (r.from === r.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'an element cannot relate to itself' });
  });
export type RelationshipInput = z.infer<typeof relationshipInputSchema>;

/** Ids of the map's non-element records: a fixed prefix, then lower-case ASCII words joined by dashes. */
export function prefixedIdSchema(prefix: string) {
  return z.string().max(LIMITS.id).regex(prefixedIdPattern(prefix), `must start with "${prefix}-"`);
}
export const gapIdSchema = prefixedIdSchema('gap');
export const changeIdSchema = prefixedIdSchema('change');
export const eventIdSchema = prefixedIdSchema('event');
export const perspectiveIdSchema = prefixedIdSchema('perspektiv');
/** The version an analyst read (optimistic concurrency). */
export const versionSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);

export const gapInputSchema = z
  .object({
    id: gapIdSchema,
    service: idSchema,
    layer: layerSchema,
    title: text(LIMITS.gapTitle),
    titleEn: text(LIMITS.gapTitle).optional(),
    description: text(LIMITS.gapDescription),
    identifiedAt: isoDateSchema.optional(),
    resolvedAt: isoDateSchema.optional(),
    sources: z.array(sourceRefSchema).max(50).default([]),
    citationException: text(1000).optional(),
  })
  .strict();
export type GapInput = z.infer<typeof gapInputSchema>;

export const changeInputSchema = z
  .object({
    id: changeIdSchema,
    element: idSchema,
    change: changeTypeSchema,
    /** As precise as the source: "2024", "2021-Q3", "2027-01", "2027-01-01"; absent when it gives none. */
    due: partialDateSchema.optional(),
    /** The source's own words for the date, e.g. "i løpet av 2024", "frem mot 2030". */
    dueText: text(LIMITS.dueText).optional(),
    description: text(LIMITS.changeDescription),
    measure: idSchema.optional(),
    replacement: idSchema.optional(),
    completedAt: isoDateSchema.optional(),
    sources: z.array(sourceRefSchema).max(50).default([]),
    citationException: text(1000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.change === 'REPLACE' && !c.replacement)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['replacement'], message: 'REPLACE needs the replacing element' });
    if (c.change !== 'REPLACE' && c.replacement)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['replacement'], message: 'only REPLACE has a replacement' });
  });
export type ChangeInput = z.infer<typeof changeInputSchema>;

/** What a perspective (a saved view over the one graph) selects; empty lists mean "all". */
export const perspectiveInputSchema = z
  .object({
    id: perspectiveIdSchema,
    name: text(LIMITS.perspectiveName),
    nameEn: text(LIMITS.perspectiveName).optional(),
    description: text(LIMITS.perspectiveDescription).optional(),
    layers: z.array(layerSchema).default([]),
    kinds: z.array(kindSchema).default([]),
    actorTypes: z.array(idSchema).default([]),
    services: z.array(idSchema).default([]),
    statuses: z.array(heatStatusSchema).default([]),
    /** Layout hints for the web map, e.g. "layout=grid", "compact=true". */
    layout: z.array(text(200)).max(20).default([]),
  })
  .strict();
export type PerspectiveInput = z.infer<typeof perspectiveInputSchema>;

/**
 * A what-if scenario of the prioritisation: weights of the formula's three groups and scores of
 * measures that differ from their own (criteria from schema/prioritisation.ts; 0–10 like the sheet).
 */
const groupName = z.enum(PRIORITISATION_GROUPS);
const criterionName = z.enum([...PRIORITISATION_GROUPS, ...PRIORITISATION.criteria.map((c) => c.name)] as [string, ...string[]]);
export const scenarioInputSchema = z
  .object({
    id: prefixedIdSchema('scenario'),
    name: text(200),
    nameEn: text(200).optional(),
    description: text(2000).optional(),
    weights: z
      .array(z.object({ criterion: groupName, weight: z.number().min(0).max(10) }).strict())
      .max(PRIORITISATION_GROUPS.length)
      .default([]),
    scores: z
      .array(z.object({ measure: idSchema, criterion: criterionName, value: z.number().min(0).max(10) }).strict())
      .max(2000)
      .default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.weights.forEach((w, i) => {
      if (seen.has(w.criterion))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['weights', i, 'criterion'], message: `"${w.criterion}" is weighted twice` });
      seen.add(w.criterion);
    });
    const scored = new Set<string>();
    s.scores.forEach((x, i) => {
      const key = `${x.measure}\u0000${x.criterion}`;
      if (scored.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scores', i], message: `"${x.measure}" has two scores for "${x.criterion}"` });
      scored.add(key);
    });
  });
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;

/**
 * A dated event the sources record: a decision, a hearing, an entry into force, a delivery, a
 * milestone ("Politisk enighet om EHDS 15. mars 2024"). Events are history and plan on the
 * timeline; they do not change a cell's status (planned changes do).
 */
export const eventInputSchema = z
  .object({
    id: eventIdSchema,
    date: partialDateSchema,
    /** The source's own words for the date when they say more than the date ("frem mot 2030"). */
    dateText: text(200).optional(),
    /** Whether the event had happened when the source was written (false: planned or expected). */
    happened: z.boolean(),
    title: text(300),
    titleEn: text(300).optional(),
    description: text(4000).optional(),
    /** The elements it concerns. */
    elements: z.array(idSchema).max(30).default([]),
    sources: z.array(sourceRefSchema).min(1, 'every event needs a source').max(20),
    citationException: text(1000).optional(),
  })
  .strict();
export type EventInput = z.infer<typeof eventInputSchema>;

/** One file of `graph-seed/data/`: any of the sections, each optional. */
export const seedFileSchema = z
  .object({
    elements: z.array(elementInputSchema).default([]),
    relationships: z.array(relationshipInputSchema).default([]),
    gaps: z.array(gapInputSchema).default([]),
    changes: z.array(changeInputSchema).default([]),
    events: z.array(eventInputSchema).default([]),
    perspectives: z.array(perspectiveInputSchema).default([]),
  })
  .strict();
export type SeedFile = z.infer<typeof seedFileSchema>;

/** The id prefix for a kind, for generators and forms. */
export function idPrefixOf(kind: Kind): string {
  return KINDS[kind].idPrefix;
}

/** One line per zod issue: "path: message", the path in dotted form as users write it. */
export function formatZodIssues(error: z.ZodError, prefix: string[] = []): string[] {
  return error.issues.map((i) => `${[...prefix, ...i.path.map(String)].join('.') || '(root)'}: ${i.message}`);
}
