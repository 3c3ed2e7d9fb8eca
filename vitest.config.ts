// One Neo4j for the whole run (test/global-setup.ts picks NEO4J_URI, a container or the embedded
// database), seeded once (test/global-seed.ts). Files run one at a time because they share it;
// tests that write use their own ids and clean up after themselves.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module) builds. Vite would load our sources' `graphql`
  // as ESM while graphql-yoga (loaded by Node) gets the CJS one: two GraphQLError classes, so Yoga
  // masks every coded error (NOT_FOUND, BAD_USER_INPUT, …) as INTERNAL_SERVER_ERROR. One copy:
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['api/**/*.test.ts', 'graph-seed/**/*.test.ts', 'schema/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/global-seed.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
