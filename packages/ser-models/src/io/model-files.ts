import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import { ensureBackend } from '../backend/init-backend.js';
import { registerSerLayers } from '../architectures/layers/index.js';

/** Name of the topology + manifest file of a saved model (the TensorFlow.js layers format). */
export const MODEL_JSON = 'model.json';
/** Name of the single weights file of a saved model. */
export const WEIGHTS_BIN = 'weights.bin';

/** A saved model as in-memory files: `model.json` (text) and `weights.bin` (bytes). */
export interface ModelFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
}

function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const joined = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return new Uint8Array(joined);
}

/** Serialises model artifacts to the standard `model.json` + `weights.bin` pair. */
export function artifactsToFiles(artifacts: tf.io.ModelArtifacts): ModelFiles {
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
  return { 'model.json': JSON.stringify(modelJson), 'weights.bin': weightBytes(artifacts.weightData) };
}

/**
 * Parses a `model.json` + `weights.bin` pair back into model artifacts.
 * @param where - a directory or URL named in error messages.
 * @throws {@link ModelError} `INVALID_BUNDLE` when model.json is not a layers model or the weights are short.
 */
export function filesToArtifacts(files: ModelFiles, where: string): tf.io.ModelArtifacts {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(files['model.json']) as tf.io.ModelJSON;
  } catch (cause) {
    throw new ModelError('INVALID_BUNDLE', 'is not valid JSON', { file: `${where}/${MODEL_JSON}`, cause });
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `is not a TensorFlow.js layers model (needs modelTopology and weightsManifest)`,
      { file: `${where}/${MODEL_JSON}` },
    );
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const expectedBytes = weightSpecs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (files['weights.bin'].byteLength !== expectedBytes) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `has ${files['weights.bin'].byteLength} bytes, ${MODEL_JSON} declares ${expectedBytes}`,
      { file: `${where}/${WEIGHTS_BIN}` },
    );
  }
  const bytes = files['weights.bin'];
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs,
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
  if (json.trainingConfig) artifacts.trainingConfig = json.trainingConfig;
  if (json.userDefinedMetadata) artifacts.userDefinedMetadata = json.userDefinedMetadata;
  return artifacts;
}

/** Saves a model to in-memory `model.json` + `weights.bin` (browser-safe; includes the optimizer config, not its state). */
export async function modelToFiles(model: tfl.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files = artifactsToFiles(artifacts);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new ModelError('INVALID_ARGUMENT', 'modelToFiles: the model produced no artifacts');
  return files;
}

/** Loads a layers model from in-memory `model.json` + `weights.bin` (browser-safe). */
export async function modelFromFiles(files: ModelFiles, where = 'memory'): Promise<tfl.LayersModel> {
  const artifacts = filesToArtifacts(files, where);
  await ensureBackend();
  registerSerLayers();
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}
