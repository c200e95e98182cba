/**
 * The analysis service as a library: create the server around a loaded bundle, or call the analysis
 * directly.
 */
export { createAnalysisServer, toHttpError, type AnalysisServerOptions } from './server.js';
export { analyzeAudio, type AnalysisResult, type AnalyzeAudioOptions, type ChunkResult } from './analyze-audio.js';
export { summarizeChunks, type AnalysisSummary } from './summary.js';
export { planChunks, type ChunkSpan } from './chunk-plan.js';
export { ConcurrencyLimit, type ConcurrencyStats } from './concurrency-limit.js';
export { HttpError } from './http-error.js';
export { loadEmotionModel, type LoadedEmotionModel } from './emotion-model.js';
