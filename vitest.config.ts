import { defineConfig } from 'vitest/config';

// One vitest run over every package and example; each project has its own config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*/vitest.config.ts', 'tests/*/vitest.config.ts'],
  },
});
