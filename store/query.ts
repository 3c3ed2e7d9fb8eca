/**
 * A Cypher statement with the types of its parameters and of the rows it returns, so a call site
 * gets typed rows without casting and cannot pass a parameter the statement does not take. The
 * types are the author's promise about the text (Neo4j does not check them): keep them beside it.
 */
import type { ManagedTransaction } from 'neo4j-driver';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;
/** A stored node or map as a query returns it, before the codec or a view reads it. */
export type Raw = Record<string, unknown>;

export class Query<P extends Params = Params, R extends Row = Row> {
  /** Never set: carries P and R for the type checker only. */
  declare readonly types?: { params: P; row: R };

  constructor(readonly cypher: string) {}
}

/** `defineQuery<{ id: string }, { element: Raw }>('MATCH (e:Element {id: $id}) RETURN e {.*} AS element')`. */
export function defineQuery<P extends Params = Record<string, never>, R extends Row = Row>(cypher: string): Query<P, R> {
  return new Query<P, R>(cypher);
}

/** Run a query inside a transaction (writes); its rows, typed. */
export async function runIn<P extends Params, R extends Row>(tx: ManagedTransaction, query: Query<P, R>, params: P): Promise<R[]> {
  const result = await tx.run(query.cypher, params);
  // The one place the promise of the types meets the driver's untyped records.
  return result.records.map((r) => r.toObject() as R);
}
