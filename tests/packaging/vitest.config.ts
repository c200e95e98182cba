import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'packaging',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    // npm pack + npm install of every package (third-party deps from the npm cache/registry).
    hookTimeout: 240_000,
  },
});
