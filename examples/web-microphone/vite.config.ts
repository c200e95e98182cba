import { defineConfig } from 'vite';
import { serModelAssets } from './vite-plugin-ser-model.js';

// Relative base: the built page works from any folder or sub-path.
export default defineConfig({
  base: './',
  plugins: [serModelAssets()],
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
});
