import { builtinModules } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node's built-in modules by their `node:` names: @ser/cli's build imports `stream` without the prefix,
  // which vitest's resolver would otherwise look up as a file of this package.
  resolve: {
    alias: builtinModules
      .filter((name) => !name.startsWith('_'))
      .map((name) => ({ find: new RegExp(`^${name}$`), replacement: `node:${name}` })),
  },
  test: {
    name: 'ser-example-queue-workers',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
