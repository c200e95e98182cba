import { defineConfig } from 'tsup';

// `index` is the programmatic API; `cli` is the `ser` binary. `src/cli.ts` starts with a
// `#!/usr/bin/env node` line, which esbuild keeps at the top of `dist/cli.js` (tsup marks it executable).
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  splitting: true,
  treeshake: true,
  shims: true,
});
