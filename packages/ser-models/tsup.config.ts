import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'gradient-worker': 'src/node/gradient-worker.ts',
    'recognizer-worker': 'src/node/recognizer-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  // import.meta.url in the CJS build (to find the worker scripts beside the module file)
  shims: true,
});
