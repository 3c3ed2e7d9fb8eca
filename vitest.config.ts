// One Neo4j for the whole run (test/global-setup.ts picks NEO4J_URI, a container or the embedded
// database), seeded once (test/global-seed.ts). Files run one at a time because they share it;
// tests that write use their own ids and clean up after themselves.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['api/**/*.test.ts', 'graph-seed/**/*.test.ts', 'schema/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/global-seed.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
