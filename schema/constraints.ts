/**
 * Neo4j constraints and indexes, derived from the metamodel and applied idempotently at start
 * (every statement is IF NOT EXISTS).
 */
import { KINDS, KIND_IDS } from './metamodel';

/** The full-text index over names and descriptions in both languages. ASCII folding makes
 * "losning" find "løsning"; the search query adds prefix and fuzzy terms for partial words. */
export const FULLTEXT_INDEX = 'element_text';

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT element_id IF NOT EXISTS FOR (e:Element) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT gap_id IF NOT EXISTS FOR (g:Gap) REQUIRE g.id IS UNIQUE',
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:PlannedChange) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT perspective_id IF NOT EXISTS FOR (p:Perspective) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE',
  'CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (a:AuditEvent) REQUIRE a.id IS UNIQUE',
  'CREATE INDEX element_kind IF NOT EXISTS FOR (e:Element) ON (e.kind)',
  'CREATE INDEX change_due IF NOT EXISTS FOR (c:PlannedChange) ON (c.due)',
  'CREATE INDEX audit_at IF NOT EXISTS FOR (a:AuditEvent) ON (a.at)',
  'CREATE INDEX audit_target IF NOT EXISTS FOR (a:AuditEvent) ON (a.target)',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (e:Element) ON EACH [e.name, e.nameEn, e.description, e.descriptionEn, e.identifierText] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
];

/** The secondary label of each kind (from the metamodel's fixed list: safe to splice into Cypher). */
export function kindLabel(kind: keyof typeof KINDS): string {
  return KINDS[kind].neo4jLabel;
}

export const KIND_LABELS: readonly string[] = KIND_IDS.map((k) => KINDS[k].neo4jLabel);
