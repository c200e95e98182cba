import { defineConfig } from 'tsup';

// `main` runs the bot behind the local webhook (`npm start`); `index` is the bot's core as a library.
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
