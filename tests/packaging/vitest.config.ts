import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'packaging',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    // a clean copy, npm ci, npm pack (each package builds on prepack), npm install of the tarballs.
    hookTimeout: 900_000,
  },
});
