/**
 * Worker thread of {@link DataParallelStepper}: holds a copy of the model, and for each request sets
 * the main thread's weights, computes the gradients of its shard and returns them with the updated
 * non-trainable weights (batch-norm moving statistics).
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../backend/init-backend.js';
import { shardGradients, type BatchArrays, type StepOptions } from '../training/gradient-step.js';
import { registerSerLayers } from '../architectures/layers/index.js';

interface StepRequest {
  weights: Float32Array[];
  batch: BatchArrays;
  divisor: number;
  seed: number;
  options?: StepOptions;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('gradient-worker must run in a worker thread');
  const { modelTopology, backend } = workerData as { modelTopology: object; backend: 'wasm' | 'cpu' | 'tensorflow' };
  await initBackend({ prefer: backend, strict: true });
  registerSerLayers();
  const model = await tfl.models.modelFromJSON({ modelTopology } as unknown as tf.io.ModelJSON);
  const weightShapes = model.weights.map((w) => w.shape as number[]);
  port.on('message', (request: StepRequest | { type: 'close' }) => {
    if ('type' in request) {
      model.dispose();
      port.close();
      return;
    }
    try {
      tf.tidy(() => model.setWeights(request.weights.map((values, i) => tf.tensor(values, weightShapes[i]))));
      const result = shardGradients(model, request.batch, request.divisor, request.seed, request.options);
      const nonTrainable = model.nonTrainableWeights.map((w) => (w.read().dataSync() as Float32Array).slice());
      const transfer = [...result.gradients, ...nonTrainable].map((a) => a.buffer as ArrayBuffer);
      port.postMessage({ ok: true, ...result, nonTrainable }, transfer);
    } catch (error) {
      port.postMessage({ ok: false, message: (error as Error).message });
    }
  });
  port.postMessage({ ready: true });
}

void main();
