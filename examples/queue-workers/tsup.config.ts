import { defineConfig } from 'tsup';

// `main` is the command (`ser-queue`), `processor` the file BullMQ runs in worker threads, `index` the library
// the tests and the benchmark use.
export default defineConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts', processor: 'src/processor.ts' },
  format: ['esm'],
  dts: true, // types for the benchmark (scripts/bench.mjs), checked by `npm run typecheck`
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  splitting: true,
});
