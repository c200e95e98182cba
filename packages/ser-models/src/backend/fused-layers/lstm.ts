/**
 * A faster path for every tfl.layers LSTM on the wasm backend: when the layer is a plain one (tanh activation,
 * hardSigmoid or sigmoid gates, a bias, no dropout inside the cell, no mask, no initial state, not stateful, not
 * going backwards, not returning its state, widths in eights), the whole sequence runs as one `SerLstm` kernel
 * with a fused backpropagation-through-time gradient, in training and in inference. Anything else runs the
 * original tfl.layers code.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SER_LSTM, type LstmGateActivation } from '../wasm-kernels/lstm-sequence.js';
import { trainingKernelsFor } from '../wasm-kernels/training-kernel-module.js';

interface LayerVariableLike {
  read(): tf.Tensor;
}

interface LstmCellLike {
  units: number;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  kernel: LayerVariableLike | null;
  recurrentKernel: LayerVariableLike | null;
  bias: LayerVariableLike | null;
  getConfig(): Record<string, unknown>;
}

interface LstmLike {
  cell: LstmCellLike;
  stateful: boolean;
  goBackwards: boolean;
  returnSequences: boolean;
  returnState: boolean;
}

type Call = (
  this: LstmLike,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
) => tf.Tensor | tf.Tensor[];

const PATCHED = Symbol.for('@ser/models fused lstm');

function gateActivation(cell: LstmCellLike): LstmGateActivation | null {
  const config = cell.getConfig();
  if (config['activation'] !== 'tanh') return null;
  const recurrent = config['recurrentActivation'];
  return recurrent === 'hardSigmoid' || recurrent === 'sigmoid' ? recurrent : null;
}

function fusedCall(
  layer: LstmLike,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
): tf.Tensor | null {
  if (kwargs?.['mask'] != null || kwargs?.['initialState'] != null) return null;
  if (layer.stateful || layer.goBackwards || layer.returnState) return null;
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
  const { cell } = layer;
  if (
    !x ||
    x.rank !== 3 ||
    x.dtype !== 'float32' ||
    !cell.useBias ||
    !cell.kernel ||
    !cell.recurrentKernel ||
    !cell.bias
  )
    return null;
  if (cell.dropout > 0 || cell.recurrentDropout > 0) return null;
  const activation = gateActivation(cell);
  const features = x.shape[2]!;
  if (!activation || cell.units % 8 !== 0 || features % 8 !== 0 || x.shape[0] === 0 || x.shape[1] === 0) return null;
  if (!trainingKernelsFor(tf.backend()) || !tf.getKernel(SER_LSTM, tf.getBackend())) return null;
  const kernel = cell.kernel;
  const recurrentKernel = cell.recurrentKernel;
  const bias = cell.bias;
  return tf.tidy(() => {
    const [hAll] = tf
      .engine()
      .runKernel(
        SER_LSTM,
        { x, kernel: kernel.read(), recurrentKernel: recurrentKernel.read(), bias: bias.read() },
        { units: cell.units, recurrentActivation: activation },
      ) as tf.Tensor[];
    if (layer.returnSequences) return hAll!;
    const [batch, steps, units] = hAll!.shape as [number, number, number];
    return tf.reshape(tf.slice(hAll!, [0, steps - 1, 0], [batch, 1, units]), [batch, units]);
  });
}

/** Installs the fast path on tfl.layers' LSTM class (idempotent). */
export function installFusedLstm(): void {
  const prototype = Object.getPrototypeOf(tfl.layers.lstm({ units: 8 })) as { call: Call; [PATCHED]?: boolean };
  if (prototype[PATCHED]) return;
  const original = prototype.call;
  prototype.call = function call(this: LstmLike, inputs, kwargs) {
    return fusedCall(this, inputs, kwargs) ?? original.call(this, inputs, kwargs);
  };
  prototype[PATCHED] = true;
}
