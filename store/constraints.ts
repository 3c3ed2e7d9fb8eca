/**
 * Neo4j constraints and indexes, derived from the metamodel and applied idempotently at start
 * (every statement is IF NOT EXISTS).
 */
import { KINDS, KIND_IDS } from '../schema/metamodel';

/** The full-text index over names and descriptions in both languages. ASCII folding makes
 * "losning" find "løsning"; the search query adds prefix and fuzzy terms for partial words.
 * Aliases ("e-helseloven", "PLL") are indexed too, so an element is found by any name the sources use. */
export const FULLTEXT_INDEX = 'element_text_v2';
/** Earlier versions of the index (without aliases), dropped at start so a store upgrades itself. */
const RETIRED_INDEXES = ['element_text'];

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT element_id IF NOT EXISTS FOR (e:Element) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT gap_id IF NOT EXISTS FOR (g:Gap) REQUIRE g.id IS UNIQUE',
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:PlannedChange) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT perspective_id IF NOT EXISTS FOR (p:Perspective) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT scenario_id IF NOT EXISTS FOR (x:Scenario) REQUIRE x.id IS UNIQUE',
  'CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE',
  'CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (a:AuditEvent) REQUIRE a.id IS UNIQUE',
  'CREATE INDEX element_kind IF NOT EXISTS FOR (e:Element) ON (e.kind)',
  // The vendors' view pages standards by kind, then name: a seek from the cursor, in index order.
  'CREATE INDEX element_kind_name IF NOT EXISTS FOR (e:Element) ON (e.kind, e.name)',
  'CREATE INDEX change_due_by IF NOT EXISTS FOR (c:PlannedChange) ON (c.dueBy)',
  'CREATE CONSTRAINT event_id IF NOT EXISTS FOR (v:Event) REQUIRE v.id IS UNIQUE',
  'CREATE INDEX event_date IF NOT EXISTS FOR (v:Event) ON (v.dateFrom)',
  'DROP INDEX change_due IF EXISTS',
  ...RETIRED_INDEXES.map((name) => `DROP INDEX ${name} IF EXISTS`),
  'CREATE INDEX audit_at IF NOT EXISTS FOR (a:AuditEvent) ON (a.at)',
  'CREATE INDEX audit_target IF NOT EXISTS FOR (a:AuditEvent) ON (a.target)',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Element) ON EACH [e.name, e.nameEn, e.aliasText, e.description, e.descriptionEn, e.identifierText] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
];

/** The secondary label of each kind (from the metamodel's fixed list: safe to splice into Cypher). */
export function kindLabel(kind: keyof typeof KINDS): string {
  return KINDS[kind].neo4jLabel;
}

export const KIND_LABELS: readonly string[] = KIND_IDS.map((k) => KINDS[k].neo4jLabel);
