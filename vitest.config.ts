// Two projects. `unit`: *.unit.test.ts, pure code and files, no database — `npm run test:unit`
// runs them in seconds. `integration`: everything else, against one Neo4j for the whole run
// (test/global-setup.ts picks NEO4J_URI, a container or the embedded database), seeded once
// (test/global-seed.ts); files run one at a time because they share it, and tests that write use
// their own ids and clean up after themselves. `npm test` runs both.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const FOLDERS = ['api', 'graph-seed', 'schema', 'store', 'test', 'web', 'bench'];

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module) builds. Vite would load our sources' `graphql`
  // as ESM while graphql-yoga (loaded by Node) gets the CJS one: two GraphQLError classes, so Yoga
  // masks every coded error (NOT_FOUND, BAD_USER_INPUT, …) as INTERNAL_SERVER_ERROR. One copy:
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: FOLDERS.map((f) => `${f}/**/*.unit.test.ts`) } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: FOLDERS.map((f) => `${f}/**/*.test.ts`),
          exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts', 'test/global-seed.ts'],
        },
      },
    ],
  },
});
