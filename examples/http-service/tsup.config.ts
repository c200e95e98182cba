import { defineConfig } from 'tsup';

// `main` is the runnable server (`npm start`), `index` the library the load test and tests use.
export default defineConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
  format: ['esm'],
  dts: true, // types for the load test (scripts/loadtest.mjs), checked by `npm run typecheck`
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  splitting: true,
});
