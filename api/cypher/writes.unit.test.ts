/** The writes' Cypher splices relationship types and labels only from the metamodel's fixed lists. */
import { describe, expect, it } from 'vitest';
import { KIND_IDS, KINDS, RELATIONSHIP_TYPES } from '../../schema/metamodel';
import { createElementCypher, linkCypher, safeRelationshipType, unlinkCypher } from './writes';

describe('write Cypher', () => {
  it('accepts exactly the metamodel relationship types', () => {
    for (const t of RELATIONSHIP_TYPES) expect(safeRelationshipType(t)).toBe(t);
    for (const bad of ['applies_to', 'APPLIES_TO]->(x) DETACH DELETE x //', '', 'GAP_IN']) expect(() => safeRelationshipType(bad)).toThrow();
  });

  it('keys APPLIES_TO by its layer and nothing else', () => {
    expect(linkCypher('APPLIES_TO').cypher).toContain('[r:APPLIES_TO {layer: $layer}]');
    expect(unlinkCypher('APPLIES_TO').cypher).toContain('[r:APPLIES_TO {layer: $layer}]');
    expect(linkCypher('USES').cypher).toContain('[r:USES]');
  });

  it('labels a new element with its kind', () => {
    for (const kind of KIND_IDS) expect(createElementCypher(kind).cypher).toContain(`:Element:${KINDS[kind].neo4jLabel})`);
  });
});
