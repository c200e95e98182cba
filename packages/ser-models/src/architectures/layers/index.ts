/**
 * The custom tfl.layers layers of @ser/models. {@link registerSerLayers} registers them for deserialisation;
 * loading a model calls it, so bundles holding these layers load wherever @ser/models does (also after
 * tree-shaking, and in the data-parallel worker threads).
 */
import * as tf from '@tensorflow/tfjs-core';
import { AttentionStdPooling } from './attention-std-pooling.js';
import { FrameCmvn } from './frame-cmvn.js';

export { AttentionStdPooling, STD_POOLING_EPSILON, type AttentionStdPoolingArgs } from './attention-std-pooling.js';
export { FrameCmvn, type FrameCmvnArgs } from './frame-cmvn.js';

let registered = false;

/** Registers the package's custom layers with tf.serialization (idempotent). */
export function registerSerLayers(): void {
  if (registered) return;
  tf.serialization.registerClass(AttentionStdPooling);
  tf.serialization.registerClass(FrameCmvn);
  registered = true;
}
