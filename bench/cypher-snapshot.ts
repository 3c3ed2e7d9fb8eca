/**
 * Prints the Cypher text of every benchmarked view as JSON ({name: text}), as api/cypher holds it
 * now. bench/run.ts runs this when it starts the API for a map, so the floor sends exactly the
 * Cypher the freshly started API runs, even if api/cypher changed since the benchmark started.
 */
import { QUERIES } from './queries';

console.log(JSON.stringify(Object.fromEntries(QUERIES.map((q) => [q.name, q.cypher.text]))));
