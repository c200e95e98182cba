import { defineConfig } from 'tsup';

export default defineConfig({
  // extract-worker is the worker_threads script; it must be its own file beside index.{js,cjs}.
  entry: { index: 'src/index.ts', core: 'src/core.ts', 'extract-worker': 'src/extract-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', core: 'src/core.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  // import.meta.url in the CJS build (to find the worker script beside the module file)
  shims: true,
});
