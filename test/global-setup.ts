/**
 * vitest global setup: start (or find) the run's one Neo4j, hand its coordinates to the test
 * files (inject('neo4j')) and to later global setups (TEST_NEO4J_* in the environment), and stop
 * it when the run ends.
 */
import type { TestProject } from 'vitest/node';
import { startTestNeo4j } from './neo4j-provider';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await startTestNeo4j((line) => console.log(line));
  const { neo4j } = started;
  console.log(`integration tests run against ${neo4j.uri} (${neo4j.origin})`);
  project.provide('neo4j', neo4j);
  process.env.TEST_NEO4J_URI = neo4j.uri;
  process.env.TEST_NEO4J_USER = neo4j.user;
  process.env.TEST_NEO4J_PASSWORD = neo4j.password;
  process.env.TEST_NEO4J_DATABASE = neo4j.database;
  return () => started.stop();
}
