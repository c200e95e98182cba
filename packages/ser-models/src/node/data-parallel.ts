import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '@ser/core/node';
import { builtWorkerScript } from './worker-script.js';
import { ModelError } from '../errors.js';
import {
  applyGradientArrays,
  shardGradients,
  type BatchArrays,
  type ShardGradients,
  type StepOptions,
} from '../training/gradient-step.js';
import {
  trainModel,
  type GradientStepper,
  type StepResult,
  type TrainOptions,
  type TrainResult,
} from '../training/train-model.js';
import type { LabeledData } from '../training/labeled-data.js';

/** Options of {@link createDataParallelStepper}. */
export interface DataParallelOptions {
  /** Worker threads besides the main thread (default 1: main + 1 worker = 2 cores). */
  workers?: number;
  /** Path of the built gradient-worker script (default: beside this module in dist/). */
  workerScript?: string;
}

interface WorkerReply extends ShardGradients {
  ok: boolean;
  message?: string;
  nonTrainable: Float32Array[];
}

function slice(batch: BatchArrays, start: number, end: number, size: number): BatchArrays {
  return {
    x: batch.x.slice(start * size, end * size),
    labels: batch.labels.slice(start, end),
    sampleWeights: batch.sampleWeights.slice(start, end),
    count: end - start,
  };
}

/**
 * A {@link GradientStepper} that splits every batch between the main thread and `workers` worker
 * threads (each with its own copy of the model on the same backend), sums their gradients (each
 * shard's loss is divided by the whole batch size, so the sum is the batch-mean gradient), applies
 * them with the main thread's optimizer, and averages the batch-norm moving statistics of the
 * shards (per-replica batch norm, as Keras' MirroredStrategy). Dropout masks are seeded per shard.
 * Call `dispose()` when training is done.
 *
 * @example
 * ```ts
 * const stepper = await createDataParallelStepper(model, { workers: 1 });
 * try { await trainModel(model, data, { stepper }); } finally { await stepper.dispose(); }
 * ```
 */
export async function createDataParallelStepper(
  model: tfl.LayersModel,
  options: DataParallelOptions = {},
): Promise<GradientStepper & { dispose(): Promise<void> }> {
  const count = options.workers ?? 1;
  const script = options.workerScript ?? builtWorkerScript('gradient-worker', 'data-parallel training');
  const backend = tf.getBackend() as 'wasm' | 'cpu' | 'tensorflow';
  const modelTopology = model.toJSON(null, false) as object;
  // One persistent message/error handler per worker, dispatching to the request in flight.
  const pendingReplies = new Map<Worker, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  const workers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const worker = startWorkerThread(script, { workerData: { modelTopology, backend } });
          let ready = false;
          worker.on('message', (message: WorkerReply | { ready: true }) => {
            if (!ready) {
              ready = true;
              resolve(worker);
              return;
            }
            const pending = pendingReplies.get(worker);
            pendingReplies.delete(worker);
            const reply = message as WorkerReply;
            if (reply.ok) pending?.resolve(reply);
            else pending?.reject(new ModelError('INVALID_DATA', `gradient worker: ${reply.message}`));
          });
          worker.on('error', (error) => {
            if (!ready) reject(error);
            pendingReplies.get(worker)?.reject(error);
            pendingReplies.delete(worker);
          });
        }),
    ),
  );
  const inputSize = (model.inputs[0]!.shape.slice(1) as number[]).reduce((a, b) => a * b, 1);

  const ask = (
    worker: Worker,
    weights: Float32Array[],
    batch: BatchArrays,
    divisor: number,
    seed: number,
    options: StepOptions,
  ) =>
    new Promise<WorkerReply>((resolve, reject) => {
      pendingReplies.set(worker, { resolve, reject });
      worker.postMessage({ weights, batch, divisor, seed, options });
    });

  const step = async (
    optimizer: tf.Optimizer,
    batch: BatchArrays,
    seed: number,
    options: StepOptions = {},
  ): Promise<StepResult> => {
    const shards = count + 1;
    const per = Math.ceil(batch.count / shards);
    const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
    const pending = workers.map((worker, i) => {
      const start = Math.min(batch.count, (i + 1) * per);
      const end = Math.min(batch.count, (i + 2) * per);
      return end > start
        ? ask(worker, weights, slice(batch, start, end, inputSize), batch.count, seed + i + 1, options)
        : Promise.resolve(null);
    });
    const local = shardGradients(
      model,
      slice(batch, 0, Math.min(per, batch.count), inputSize),
      batch.count,
      seed,
      options,
    );
    const replies = (await Promise.all(pending)).filter((r): r is WorkerReply => r !== null);
    const sums = local.gradients.map((g) => g.slice());
    for (const reply of replies)
      reply.gradients.forEach((g, i) => {
        for (let k = 0; k < g.length; k++) sums[i]![k]! += g[k]!;
      });
    applyGradientArrays(model, optimizer, sums);
    if (replies.length > 0 && model.nonTrainableWeights.length > 0) {
      tf.tidy(() => {
        model.nonTrainableWeights.forEach((w, i) => {
          const mean = (w.read().dataSync() as Float32Array).slice();
          for (const reply of replies) {
            const r = reply.nonTrainable[i]!;
            for (let k = 0; k < mean.length; k++) mean[k]! += r[k]!;
          }
          for (let k = 0; k < mean.length; k++) mean[k]! /= replies.length + 1;
          w.write(tf.tensor(mean, w.shape as number[]));
        });
      });
    }
    return {
      loss: (local.lossSum + replies.reduce((s, r) => s + r.lossSum, 0)) / batch.count,
      correct: local.correct + replies.reduce((s, r) => s + r.correct, 0),
    };
  };

  return {
    step,
    async dispose() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * {@link trainModel} with every batch split over this thread and `workers` worker threads (default 1,
 * i.e. two cores). Worth it for convolutional models; for tiny models (the MLP) the per-step message
 * cost outweighs the gain. The workers know this package's custom layers; models with other custom layers
 * are not supported here.
 */
export async function trainModelParallel(
  model: tfl.LayersModel,
  data: LabeledData,
  options: TrainOptions & DataParallelOptions = {},
): Promise<TrainResult> {
  const stepper = await createDataParallelStepper(model, options);
  try {
    return await trainModel(model, data, { ...options, stepper });
  } finally {
    await stepper.dispose();
  }
}
