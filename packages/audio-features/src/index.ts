/**
 * @ser/audio-features: librosa 0.11-compatible audio features in pure TypeScript.
 * This entry has no Node built-ins and runs in browsers; file loading is in `@ser/audio-features/node`.
 */
export * from './errors.js';
