// Two projects: `unit` needs no engine and starts none; `engine` runs against a private dockerd started by its globalSetup.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One copy of graphql: vite would load its .mjs for our code while Yoga and Pothos, loaded by
    // Node, get the .js; two copies break instanceof GraphQLError and schema identity.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/setup/engine.ts'],
        },
      },
    ],
  },
});
