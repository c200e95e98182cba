/**
 * @ser/audio-features: librosa 0.11-compatible audio features in pure TypeScript.
 * This entry has no Node built-ins and runs in browsers; file loading is in `@ser/audio-features/node`.
 */
export * from './errors.js';
// DSP: librosa 0.11-compatible spectral features.
export { createMatrix, matrixFromRows, matrixToRows, rowMeans, transpose, type Matrix } from './matrix.js';
export type { WarningHandler, WarningOptions } from './warnings.js';
export { getWindow, type WindowName, type WindowSpec } from './window.js';
export type { PadMode } from './pad.js';
export { complexFftPlan, realFftPlan, rfft, type ComplexFftPlan, type RealFftPlan } from './fft.js';
export { stft, stftFrameCount, type ComplexMatrix, type StftOptions } from './stft.js';
export { magnitudeSpectrogram, powerSpectrogram, type FrameMajorSpectrogram } from './spectrogram.js';
export { fftFrequencies, hzToMel, hzToOcts, melFrequencies, melToHz } from './convert.js';
export { melFilterbank, type MelFilterOptions, type MelFilterbankOptions } from './mel-filterbank.js';
export { melSpectrogram, type MelSpectrogramOptions } from './mel.js';
export { powerToDb, type PowerToDbOptions } from './power-to-db.js';
export { dct, type DctOptions } from './dct.js';
export { mfcc, type MfccOptions } from './mfcc.js';
export { chromaFilterbank, type ChromaFilterOptions, type ChromaFilterbankOptions } from './chroma-filterbank.js';
export { piptrack, type PiptrackOptions, type PiptrackParameters, type PiptrackReference } from './piptrack.js';
export { estimateTuning, pitchTuning, type EstimateTuningOptions, type TuningResolutionOptions } from './estimate-tuning.js';
export { chromaStft, type ChromaStftOptions } from './chroma-stft.js';
export { serFeatureVector, serFeatureVectorLength, type SerFeatureVectorOptions } from './ser-feature-vector.js';
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
} from './feature-sets.js';
export { CMVN_EPSILON, FRAME_NORMALIZATIONS, meanVarianceNormalizeFrames, type FrameNormalization } from './frame-normalization.js';
export { FRAME_PAD_MODES, timeMajorFrames, type FramePadMode } from './frame-padding.js';
export { delta } from './delta.js';
export { FRAME_FUNCTIONALS, describeFrames, meanOf, percentilesOf, stdOf } from './functionals.js';
export { rmsFromMagnitude, spectralCentroid, spectralFlatness, spectralRolloff } from './spectral-descriptors.js';
export { zeroCrossingRate, type ZeroCrossingRateOptions } from './zero-crossing-rate.js';
export { yin, type YinOptions, type YinResult } from './yin.js';
export {
  utteranceStatisticNames,
  utteranceStatistics,
  utteranceStatisticsLength,
  type UtteranceStatisticsOptions,
} from './utterance-statistics.js';
// Audio input: decoding, mono mix-down, resampling.
export * from './decode/index.js';
export { toMono } from './mono.js';
export { resample, type ResampleMethod, type ResampleOptions } from './resample.js';
export { ResampleStream } from './resample-stream.js';
export { wasmResamplerAvailable } from './polyphase-wasm.js';
export { wasmStftAvailable } from './stft-wasm.js';
export { AUDIO_FEATURES_VERSION } from './version.js';
