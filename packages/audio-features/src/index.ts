/**
 * @ser/audio-features: librosa 0.11-compatible audio features in pure TypeScript.
 * This entry has no Node built-ins and runs in browsers; file loading is in `@ser/audio-features/node`.
 */
export * from './errors.js';
// DSP core: matrices, windows, FFT, STFT, spectrograms, unit conversions, dB, DCT.
export { createMatrix, matrixFromRows, matrixToRows, rowMeans, transpose, type Matrix } from './dsp/core/matrix.js';
export { getWindow, type WindowName, type WindowSpec } from './dsp/core/window.js';
export type { PadMode } from './dsp/core/pad.js';
export type { ComplexFftPlan, RealFftPlan } from './dsp/core/fft/plan-types.js';
export { complexFftPlan } from './dsp/core/fft/complex-fft.js';
export { realFftPlan, rfft } from './dsp/core/fft/real-fft.js';
export { stft, stftFrameCount, type ComplexMatrix, type StftOptions } from './dsp/core/stft.js';
export { magnitudeSpectrogram, powerSpectrogram, type FrameMajorSpectrogram } from './dsp/core/spectrogram.js';
export { fftFrequencies, hzToMel, hzToOcts, melFrequencies, melToHz } from './dsp/core/convert.js';
export { powerToDb, type PowerToDbOptions } from './dsp/core/power-to-db.js';
export { dct, type DctOptions } from './dsp/core/dct.js';
export { wasmStftAvailable } from './dsp/core/stft-wasm.js';
// Filterbanks: mel and chroma.
export { melFilterbank, type MelFilterOptions, type MelFilterbankOptions } from './dsp/filters/mel-filterbank.js';
export {
  chromaFilterbank,
  type ChromaFilterOptions,
  type ChromaFilterbankOptions,
} from './dsp/filters/chroma-filterbank.js';
// Features: librosa 0.11-compatible spectral, cepstral, chroma and pitch features, and their summaries.
export { melSpectrogram, type MelSpectrogramOptions } from './dsp/features/mel.js';
export { mfcc, type MfccOptions } from './dsp/features/mfcc.js';
export {
  piptrack,
  type PiptrackOptions,
  type PiptrackParameters,
  type PiptrackReference,
} from './dsp/features/piptrack.js';
export {
  estimateTuning,
  pitchTuning,
  type EstimateTuningOptions,
  type TuningResolutionOptions,
} from './dsp/features/estimate-tuning.js';
export { chromaStft, type ChromaStftOptions } from './dsp/features/chroma-stft.js';
export {
  serFeatureVector,
  serFeatureVectorLength,
  type SerFeatureVectorOptions,
} from './dsp/features/ser-feature-vector.js';
export { delta } from './dsp/features/delta.js';
export { FRAME_FUNCTIONALS, describeFrames, meanOf, percentilesOf, stdOf } from './dsp/features/functionals.js';
export {
  rmsFromMagnitude,
  spectralCentroid,
  spectralFlatness,
  spectralRolloff,
} from './dsp/features/spectral-descriptors.js';
export { zeroCrossingRate, type ZeroCrossingRateOptions } from './dsp/features/zero-crossing-rate.js';
export { yin, type YinOptions, type YinResult } from './dsp/features/yin.js';
export {
  utteranceStatisticNames,
  utteranceStatistics,
  utteranceStatisticsLength,
  type UtteranceStatisticsOptions,
} from './dsp/features/utterance-statistics.js';
// Feature sets: named configurations and computeFeatures, shared by training and prediction.
export {
  FEATURE_SETS,
  computeFeatures,
  featureConfig,
  featureShape,
  validateFeatureConfig,
  type FeatureConfig,
  type FeatureConfigOf,
  type FeatureSetName,
  type FeatureTensor,
  type LogmelConfig,
  type MfccFramesConfig,
  type Ser180Config,
  type StatsConfig,
} from './dsp/feature-sets/feature-sets.js';
export {
  CMVN_EPSILON,
  FRAME_NORMALIZATIONS,
  meanVarianceNormalizeFrames,
  type FrameNormalization,
} from './dsp/feature-sets/frame-normalization.js';
export { FRAME_PAD_MODES, timeMajorFrames, type FramePadMode } from './dsp/feature-sets/frame-padding.js';
// Audio input: mono mix-down and resampling.
export { toMono } from './dsp/core/mono.js';
export { resample, type ResampleMethod, type ResampleOptions } from './dsp/core/resample/resample.js';
export { ResampleStream } from './dsp/core/resample/resample-stream.js';
export { wasmResamplerAvailable } from './dsp/core/resample/polyphase-wasm.js';
// Audio input: decoding (format detection, WAV, AIFF, FLAC, MP3, Ogg Vorbis and Opus).
export * from './decode/index.js';
// Warnings and the package version.
export type { WarningHandler, WarningOptions } from './warnings.js';
export { AUDIO_FEATURES_VERSION } from './version.js';
