import { defineConfig } from 'tsup';

// `main` is the runnable server (`npm start`), `index` the library the load test and tests use.
export default defineConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  splitting: true,
});
