/**
 * @ser/audio-features: librosa 0.11-compatible audio features in pure TypeScript.
 * This entry has no Node built-ins and runs in browsers; file loading is in `@ser/audio-features/node`.
 */
export * from './errors.js';
// Audio input (engineer B): decoding, mono mix-down, resampling.
export * from './decode/index.js';
export { toMono } from './mono.js';
