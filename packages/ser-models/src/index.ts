/**
 * @ser/models — TensorFlow.js speech-emotion models: backend set-up, architectures, training,
 * hyperparameter tuning, evaluation and model bundles. Browser-safe; Node file-system helpers
 * live in `@ser/models/node`.
 * @packageDocumentation
 */
export { ModelError, type ModelErrorCode } from './errors.js';
export { initBackend, type BackendInfo, type BackendName, type InitBackendOptions } from './backend/init-backend.js';
export { registerWasmTrainingKernels } from './backend/register-wasm-kernels.js';
export * from './architectures/index.js';
export { modelToFiles, modelFromFiles, MODEL_JSON, WEIGHTS_BIN, type ModelFiles } from './io/model-files.js';
