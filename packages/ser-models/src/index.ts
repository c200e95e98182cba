/**
 * @ser/models — TensorFlow.js speech-emotion models: backend set-up, architectures, training,
 * hyperparameter tuning, evaluation and model bundles. Browser-safe; Node file-system helpers
 * live in `@ser/models/node`.
 * @packageDocumentation
 */
export { ModelError, type ModelErrorCode } from './errors.js';
export {
  ensureBackend,
  initBackend,
  type BackendInfo,
  type BackendName,
  type InitBackendOptions,
} from './backend/init-backend.js';
export { registerWasmTrainingKernels } from './backend/register-wasm-kernels.js';
export * from './architectures/index.js';
export { modelToFiles, modelFromFiles, MODEL_JSON, WEIGHTS_BIN, type ModelFiles } from './io/model-files.js';
export { createRandom, shuffled, withSeededMathRandom, type Random } from './random.js';
export { checkLabeledData, exampleSize, selectExamples, type LabeledData } from './training/labeled-data.js';
export {
  applyStandardization,
  featurePeriod,
  fitStandardization,
  validateStandardization,
  type Standardization,
} from './training/standardization.js';
export { resolveClassWeights, type ClassWeights } from './training/class-weights.js';
export {
  trainModel,
  trainStep,
  predictProbabilities,
  scoreStandardized,
  type BatchProgress,
  type EpochLog,
  type GradientStepper,
  type OptimizerSpec,
  type StepResult,
  type TrainOptions,
  type TrainResult,
  type ValidationSpec,
} from './training/train-model.js';
export {
  argmaxRows,
  confusionMatrix,
  evaluatePredictions,
  reportFromConfusionMatrix,
  type ClassMetrics,
  type EvaluationReport,
} from './evaluation/metrics.js';
export { evaluateModel, type EvaluateOptions } from './evaluation/evaluate-model.js';
export { formatReport } from './evaluation/format-report.js';
export { renderConfusionMatrix } from './evaluation/confusion-matrix-svg.js';
export { SER_MODELS_VERSION } from './version.js';
export {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_METADATA,
  type BundleCalibration,
  type BundleMetadata,
  type BundleMetadataInput,
  type ModelBundle,
  type TrainingDescription,
} from './bundle/bundle-types.js';
export {
  BUNDLE_FILES,
  bundleFromFiles,
  bundleToFiles,
  createBundleMetadata,
  loadBundleFromUrl,
  validateBundleMetadata,
  type BundleFiles,
  type LoadBundleFromUrlOptions,
} from './bundle/bundle-files.js';
export {
  bundleInput,
  predict,
  predictBatch,
  type Clip,
  type LabelProbability,
  type Prediction,
  type PredictOptions,
} from './bundle/predict.js';
export * from './augment/index.js';
export * from './recognizer/index.js';
export * from './calibration/index.js';
export { SearchSpace, originalSearchSpace, hyperparameterKey, type HyperparameterSpec } from './tuner/search-space.js';
export { memoryTrialStore, type TrialRecord, type TrialStore, type TunerLog } from './tuner/trial-log.js';
export { describeSearchDifferences, type JsonValue, type SearchIdentity } from './tuner/search-identity.js';
export {
  compareTrials,
  stringSeed,
  type Objective,
  type TrialContext,
  type TunerOptions,
  type TunerResult,
} from './tuner/trial-runner.js';
export { Hyperband, type HyperbandOptions } from './tuner/hyperband.js';
export { RandomSearch, type RandomSearchOptions } from './tuner/random-search.js';
export { modelObjective, type ModelObjectiveOptions } from './tuner/model-objective.js';
export {
  applyGradientArrays,
  shardGradients,
  trainableVariables,
  type BatchArrays,
  type ShardGradients,
  type StepOptions,
} from './training/gradient-step.js';
export { AdamW, type AdamWOptions, type NamedTensor } from './training/optimizers/adamw.js';
export {
  oneCycle,
  type LearningRateSchedule,
  type OneCycleOptions,
  type ScheduledValues,
} from './training/learning-rate-schedule.js';
