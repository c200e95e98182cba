import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'consistency',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
