// Shared helpers of the default-model experiments: cached corpora, speaker-independent splits,
// model builders and one train/evaluate run. Everything goes through the public APIs of
// @ser/datasets and @ser/models.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadCorpus } from '@ser/datasets';
import * as models from '@ser/models';

/** @typedef {import('@ser/datasets').Corpus} Corpus */
/** @typedef {import('@ser/datasets').DatasetItem} DatasetItem */
/** @typedef {import('@ser/models').LabeledData} LabeledData */
/** @typedef {import('@ser/models').Hyperparameters} Hyperparameters */

export const CACHE = process.env.SER_CACHE ?? '/tmp/ser-cache';
export const HOLDOUT = ['ravdess:17', 'ravdess:18', 'ravdess:19', 'ravdess:20'];
/** 5 folds of RAVDESS actor groups 1–4, 5–8, … 17–20; TESS always trains. */
export const CV_FOLDS = [0, 1, 2, 3, 4].map((f) =>
  [1, 2, 3, 4].map((a) => `ravdess:${String(f * 4 + a).padStart(2, '0')}`),
);

/** @type {Map<string, Corpus>} */
const corpora = new Map();
/**
 * A cached corpus by name (see cache-features.mjs), memoised.
 * @param {string} name
 * @returns {Promise<Corpus>}
 */
export async function cached(name) {
  if (!corpora.has(name)) corpora.set(name, await loadCorpus(CACHE, name));
  return /** @type {Corpus} */ (corpora.get(name));
}

/**
 * Rows of `corpus` whose speaker passes `keep`.
 * @param {{ items: DatasetItem[] }} corpus
 * @param {(speaker: string, item: DatasetItem) => boolean} keep
 * @returns {number[]}
 */
export function rowsWhere(corpus, keep) {
  /** @type {number[]} */
  const out = [];
  corpus.items.forEach((item, i) => {
    if (keep(item.speaker, item)) out.push(i);
  });
  return out;
}

/**
 * The rows `indices` of a corpus as {@link models.LabeledData}.
 * @param {Pick<Corpus, 'x' | 'shape' | 'y'>} corpus
 * @param {ArrayLike<number>} indices
 * @returns {LabeledData}
 */
export function subset(corpus, indices) {
  return models.selectExamples({ x: corpus.x, shape: corpus.shape.slice(1), labels: corpus.y }, indices);
}

/**
 * Concatenates labeled data of equal shape.
 * @param {LabeledData[]} parts
 * @returns {{ x: Float32Array, shape: number[], labels: Int32Array }}
 */
export function concat(parts) {
  const size = parts[0].x.length / parts[0].labels.length;
  const n = parts.reduce((a, p) => a + p.labels.length, 0);
  const x = new Float32Array(n * size);
  const labels = new Int32Array(n);
  let at = 0;
  for (const p of parts) {
    x.set(p.x, at * size);
    labels.set(p.labels, at);
    at += p.labels.length;
  }
  return { x, shape: parts[0].shape.slice(), labels };
}

/**
 * Builds the named model for an example shape.
 * @param {string} arch
 * @param {number[]} shape
 * @param {number} numClasses
 * @param {Hyperparameters} [hyperparameters]
 * @param {number} [seed]
 * @returns {tfl.LayersModel}
 */
export function buildModel(arch, shape, numClasses, hyperparameters = {}, seed = 1) {
  switch (arch) {
    case 'mlp':
      return models.mlp({ inputShape: shape, numClasses, hyperparameters, seed });
    case 'ogCnn':
      return models.ogCnn({
        inputShape: shape.length === 1 ? [shape[0], 1] : shape,
        numClasses,
        hyperparameters,
        seed,
      });
    case 'paperCnn':
      return models.paperCnn({
        inputShape: shape.length === 1 ? [shape[0], 1] : shape,
        numClasses,
        hyperparameters,
        seed,
      });
    case 'cnnLstm':
      return models.cnnLstm({ inputShape: shape, numClasses, hyperparameters, seed });
    case 'attentionCnn':
      return models.attentionCnn({ inputShape: shape, numClasses, hyperparameters, seed });
    case 'gapCnn':
      return gapCnn(shape, numClasses, hyperparameters, seed, false);
    case 'gapCnnCmn':
      return gapCnn(shape, numClasses, hyperparameters, seed, true);
    case 'statsNet':
      return statsNet(shape, numClasses, hyperparameters, seed);
    case 'statsMlp':
      return statsMlp(shape, numClasses, hyperparameters, seed);
    default:
      throw new Error(`unknown arch ${arch}`);
  }
}

/**
 * A small 1-D CNN over a time-major [frames, bins] input with global average + max pooling over time
 * (length-independent), optionally with per-utterance mean normalisation (each bin minus its mean over
 * the utterance — cepstral/spectral mean normalisation) as standard layers inside the model, so that
 * predict() reproduces it without custom code.
 * @param {number[]} shape
 * @param {number} numClasses
 * @param {Hyperparameters} [h]
 * @param {number} [seed]
 * @param {boolean} [cmn]
 * @returns {tfl.LayersModel}
 */
export function gapCnn(shape, numClasses, h = {}, seed = 1, cmn = false) {
  const p = {
    filters_0: 64,
    filters_1: 128,
    filters_2: 128,
    units: 64,
    dropout_0: 0.2,
    dropout_1: 0.4,
    learning_rate: 1e-3,
    ...h,
  };
  let s = seed * 1000;
  const glorot = () => tfl.initializers.glorotUniform({ seed: s++ });
  const input = tfl.input({ shape });
  let x = input;
  if (cmn) {
    const mean = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalAveragePooling1d().apply(x));
    const repeated = /** @type {tfl.SymbolicTensor} */ (tfl.layers.repeatVector({ n: shape[0] }).apply(mean));
    const negated = /** @type {tfl.SymbolicTensor} */ (tfl.layers.rescaling({ scale: -1, offset: 0 }).apply(repeated));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.add().apply([x, negated]));
  }
  /** @type {(t: tfl.SymbolicTensor, filters: number, k: number, pool: number) => tfl.SymbolicTensor} */
  const block = (t, filters, k, pool) => {
    t = /** @type {tfl.SymbolicTensor} */ (
      tfl.layers.conv1d({ filters, kernelSize: k, padding: 'same', kernelInitializer: glorot() }).apply(t)
    );
    t = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(t));
    t = /** @type {tfl.SymbolicTensor} */ (tfl.layers.activation({ activation: 'relu' }).apply(t));
    if (pool) t = /** @type {tfl.SymbolicTensor} */ (tfl.layers.maxPooling1d({ poolSize: pool }).apply(t));
    return t;
  };
  x = block(x, p.filters_0, 5, 2);
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_0 }).apply(x));
  x = block(x, p.filters_1, 5, 2);
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_0 }).apply(x));
  x = block(x, p.filters_2, 3, 0);
  const avg = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalAveragePooling1d().apply(x));
  const max = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalMaxPooling1d().apply(x));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.concatenate().apply([avg, max]));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_1 }).apply(x));
  x = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers.dense({ units: p.units, activation: 'relu', kernelInitializer: glorot() }).apply(x)
  );
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_1 }).apply(x));
  const out = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: glorot() }).apply(x)
  );
  const model = tfl.model({ inputs: input, outputs: out, name: cmn ? 'gap_cnn_cmn' : 'gap_cnn' });
  model.compile({ optimizer: tf.train.adam(p.learning_rate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Per-utterance mean normalisation with standard layers: x − mean over time, for a [frames, bins] tensor.
 * @param {tfl.SymbolicTensor} x
 * @param {number} frames
 * @returns {tfl.SymbolicTensor}
 */
function subtractTimeMean(x, frames) {
  const mean = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalAveragePooling1d().apply(x));
  const repeated = /** @type {tfl.SymbolicTensor} */ (tfl.layers.repeatVector({ n: frames }).apply(mean));
  return /** @type {tfl.SymbolicTensor} */ (
    tfl.layers
      .add()
      .apply([x, /** @type {tfl.SymbolicTensor} */ (tfl.layers.rescaling({ scale: -1, offset: 0 }).apply(repeated))])
  );
}

/**
 * An x-vector-like statistics-pooling network over a time-major [frames, bins] input: optional
 * per-utterance mean normalisation, frame-level Conv1D layers (a TDNN), then mean and variance over time
 * (variance = mean of squared deviations, built from standard layers), then a small dense head.
 * @param {number[]} shape
 * @param {number} numClasses
 * @param {Hyperparameters} [h]
 * @param {number} [seed]
 * @returns {tfl.LayersModel}
 */
export function statsNet(shape, numClasses, h = {}, seed = 1) {
  const p = {
    filters_0: 128,
    filters_1: 128,
    kernel_0: 5,
    kernel_1: 3,
    units: 64,
    dropout_0: 0.1,
    dropout_1: 0.5,
    cmn: 1,
    learning_rate: 1e-3,
    ...h,
  };
  let s = seed * 1000;
  const glorot = () => tfl.initializers.glorotUniform({ seed: s++ });
  const input = tfl.input({ shape });
  let x = p.cmn ? subtractTimeMean(input, shape[0]) : input;
  for (const [filters, kernelSize] of [
    [p.filters_0, p.kernel_0],
    [p.filters_1, p.kernel_1],
  ]) {
    x = /** @type {tfl.SymbolicTensor} */ (
      tfl.layers.conv1d({ filters, kernelSize, padding: 'same', kernelInitializer: glorot() }).apply(x)
    );
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.activation({ activation: 'relu' }).apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_0 }).apply(x));
  }
  const mean = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalAveragePooling1d().apply(x));
  const centred = subtractTimeMean(x, shape[0]);
  const variance = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers
      .globalAveragePooling1d()
      .apply(/** @type {tfl.SymbolicTensor} */ (tfl.layers.multiply().apply([centred, centred])))
  );
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.concatenate().apply([mean, variance]));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(x));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_1 }).apply(x));
  x = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers.dense({ units: p.units, activation: 'relu', kernelInitializer: glorot() }).apply(x)
  );
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate: p.dropout_1 }).apply(x));
  const out = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: glorot() }).apply(x)
  );
  const model = tfl.model({ inputs: input, outputs: out, name: 'stats_net' });
  model.compile({ optimizer: tf.train.adam(p.learning_rate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Utterance statistics computed inside the model from a time-major [frames, bins] input, then an MLP:
 * optional per-frame projection (Conv1D, kernel `kernel_0`, `filters_0` filters, ReLU; 0 = none), then per
 * channel mean, variance and max over time → BN → Dense(units_0) → Dropout → Dense(units_1) → Dropout → softmax.
 * Cheap (no deep convolution stack) and length-independent.
 * @param {number[]} shape
 * @param {number} numClasses
 * @param {Hyperparameters} [h]
 * @param {number} [seed]
 * @returns {tfl.LayersModel}
 */
export function statsMlp(shape, numClasses, h = {}, seed = 1) {
  const p = {
    filters_0: 0,
    kernel_0: 1,
    units_0: 256,
    units_1: 128,
    dropout_0: 0.3,
    dropout_1: 0.3,
    use_max: 1,
    learning_rate: 1e-3,
    ...h,
  };
  let s = seed * 1000;
  const glorot = () => tfl.initializers.glorotUniform({ seed: s++ });
  const input = tfl.input({ shape });
  let x = input;
  if (p.filters_0 > 0) {
    x = /** @type {tfl.SymbolicTensor} */ (
      tfl.layers
        .conv1d({ filters: p.filters_0, kernelSize: p.kernel_0, padding: 'same', kernelInitializer: glorot() })
        .apply(x)
    );
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.activation({ activation: 'relu' }).apply(x));
  }
  const mean = /** @type {tfl.SymbolicTensor} */ (tfl.layers.globalAveragePooling1d().apply(x));
  const centred = subtractTimeMean(x, shape[0]);
  const variance = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers
      .globalAveragePooling1d()
      .apply(/** @type {tfl.SymbolicTensor} */ (tfl.layers.multiply().apply([centred, centred])))
  );
  const parts = [mean, variance];
  if (p.use_max) parts.push(/** @type {tfl.SymbolicTensor} */ (tfl.layers.globalMaxPooling1d().apply(x)));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.concatenate().apply(parts));
  x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(x));
  for (const [units, rate] of [
    [p.units_0, p.dropout_0],
    [p.units_1, p.dropout_1],
  ]) {
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dense({ units, kernelInitializer: glorot() }).apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.batchNormalization().apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.activation({ activation: 'relu' }).apply(x));
    x = /** @type {tfl.SymbolicTensor} */ (tfl.layers.dropout({ rate }).apply(x));
  }
  const out = /** @type {tfl.SymbolicTensor} */ (
    tfl.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: glorot() }).apply(x)
  );
  const model = tfl.model({ inputs: input, outputs: out, name: 'stats_mlp' });
  model.compile({ optimizer: tf.train.adam(p.learning_rate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Trains on `train`, evaluates on each named test set. With `validationName`, early stopping watches that
 * test set (model selection); otherwise training runs exactly `epochs` epochs. `members` > 1 trains more
 * seeds (seed + 100, seed + 200, …) and averages their probabilities.
 * @param {object} options
 * @param {string} options.arch A {@link buildModel} name.
 * @param {Hyperparameters} [options.hyperparameters]
 * @param {LabeledData} options.train
 * @param {Record<string, LabeledData>} options.tests Test sets by name.
 * @param {string} [options.validationName] The test set early stopping watches.
 * @param {number} options.epochs
 * @param {number} [options.patience]
 * @param {number} [options.batchSize]
 * @param {import('@ser/models').ClassWeights} [options.classWeights]
 * @param {number} [options.seed]
 * @param {string[]} options.labels Class names.
 * @param {number} [options.learningRate]
 * @param {boolean} [options.log] Print every epoch.
 * @param {number} [options.members]
 * @returns {Promise<{ model: tfl.LayersModel, result: import('@ser/models').TrainResult,
 *   reports: Record<string, import('@ser/models').EvaluationReport>, trainSeconds: number }>}
 */
export async function runFold({
  arch,
  hyperparameters,
  train,
  tests,
  validationName,
  epochs,
  patience,
  batchSize = 32,
  classWeights,
  seed = 1,
  labels,
  learningRate,
  log = false,
  members = 1,
}) {
  const model = buildModel(arch, train.shape, labels.length, hyperparameters, seed);
  const started = performance.now();
  const result = await models.trainModel(model, train, {
    epochs,
    batchSize,
    seed,
    classWeights,
    learningRate,
    validation: validationName ? tests[validationName] : undefined,
    earlyStopping: validationName && patience ? { patience } : undefined,
    onEpochEnd: log
      ? (e) =>
          console.log(
            `  epoch ${e.epoch} loss ${e.loss.toFixed(3)} acc ${e.accuracy.toFixed(3)} val ${e.valAccuracy?.toFixed(3)} ${(e.ms / 1000).toFixed(1)} s`,
          )
      : undefined,
  });
  /** @type {Record<string, Float32Array>} */
  const probabilities = {};
  for (const [name, data] of Object.entries(tests)) {
    probabilities[name] = models.predictProbabilities(
      model,
      models.applyStandardization(data.x, result.standardization),
      data.shape,
      data.labels.length,
    );
  }
  // Extra ensemble members: same recipe, other seeds; probabilities averaged.
  for (let m = 1; m < members; m++) {
    const member = buildModel(arch, train.shape, labels.length, hyperparameters, seed + 100 * m);
    const r = await models.trainModel(member, train, {
      epochs,
      batchSize,
      seed: seed + 100 * m,
      classWeights,
      learningRate,
    });
    for (const [name, data] of Object.entries(tests)) {
      const p = models.predictProbabilities(
        member,
        models.applyStandardization(data.x, r.standardization),
        data.shape,
        data.labels.length,
      );
      probabilities[name].forEach((v, i, a) => {
        a[i] = v + p[i];
      });
    }
    member.dispose();
  }
  const trainSeconds = (performance.now() - started) / 1000;
  /** @type {Record<string, import('@ser/models').EvaluationReport>} */
  const reports = {};
  for (const [name, data] of Object.entries(tests)) {
    reports[name] = await models.evaluateModel(probabilities[name], null, data.labels, labels);
  }
  return { model, result, reports, trainSeconds };
}
