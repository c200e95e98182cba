import { defineConfig } from 'vitest/config';

// One vitest run over every package and example; each project has its own config. The skip reporter ends
// the run with the tests skipped for want of a tool or of ../shared, and how to enable them.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*/vitest.config.ts', 'tests/*/vitest.config.ts'],
    reporters: ['default', './tests/support/skip-reporter.mjs'],
  },
});
