import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from '../../errors.js';
import { SER_ADAM_UPDATE, type AdamUpdateAttrs } from '../../backend/wasm-kernels/adam-update.js';

/** Options of {@link AdamW}. */
export interface AdamWOptions {
  /** Step size (default 1e-3); a schedule may change it between steps. */
  learningRate?: number;
  /** First-moment decay (default 0.9); a one-cycle schedule cycles it. */
  beta1?: number;
  /** Second-moment decay (default 0.999). */
  beta2?: number;
  /** Added to √v̂ (default 1e-8, as PyTorch). */
  epsilon?: number;
  /** Decoupled weight decay λ (default 0.01): w ← w − lr·λ·w before the Adam step. 0 gives Adam. */
  weightDecay?: number;
}

/** A named tensor, as tf.Optimizer's weights API passes them. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Moments {
  m: tf.Tensor;
  v: tf.Tensor;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, "AdamW"; the update of PyTorch's `torch.optim.AdamW`):
 * w ← w·(1 − lr·λ) − lr·(m/(1 − β1ᵗ)) / (√(v/(1 − β2ᵗ)) + ε). On the wasm backend each variable's step is one
 * fused kernel; elsewhere the same formula runs as tfjs ops. `learningRate` and `beta1` are public so that
 * schedules can set them before every step.
 *
 * @example
 * ```ts
 * const optimizer = new AdamW({ learningRate: 2e-3, weightDecay: 0.01 });
 * optimizer.applyGradients(grads); // { [variable name]: gradient }
 * ```
 */
export class AdamW extends tf.Optimizer {
  static className = 'AdamW';
  learningRate: number;
  beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  private step = 0;
  private readonly moments = new Map<string, Moments>();

  constructor(options: AdamWOptions = {}) {
    super();
    this.learningRate = options.learningRate ?? 1e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    const check = (name: string, value: number, ok: boolean) => {
      if (!Number.isFinite(value) || !ok)
        throw new ModelError('INVALID_ARGUMENT', `AdamW: ${name} out of range: ${value}`);
    };
    check('learningRate', this.learningRate, this.learningRate > 0);
    check('beta1', this.beta1, this.beta1 >= 0 && this.beta1 < 1);
    check('beta2', this.beta2, this.beta2 >= 0 && this.beta2 < 1);
    check('epsilon', this.epsilon, this.epsilon > 0);
    check('weightDecay', this.weightDecay, this.weightDecay >= 0);
  }

  /** Steps taken so far. */
  get iterationsTaken(): number {
    return this.step;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries: Array<[string, tf.Tensor]> = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    this.step++;
    const attrs: AdamUpdateAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
      c1: 1 - this.beta1 ** this.step,
      c2: 1 - this.beta2 ** this.step,
    };
    const fused = tf.getBackend() === 'wasm' && tf.getKernel(SER_ADAM_UPDATE, 'wasm') !== undefined;
    const registry = tf.engine().registeredVariables;
    for (const [name, gradient] of entries) {
      const variable = registry[name];
      if (!variable || gradient == null) continue;
      let state = this.moments.get(name);
      if (!state) {
        state = { m: tf.keep(tf.zerosLike(variable)), v: tf.keep(tf.zerosLike(variable)) };
        this.moments.set(name, state);
      }
      const moments = state;
      const [w, m, v] = tf.tidy(() =>
        (fused
          ? (tf
              .engine()
              .runKernel(
                SER_ADAM_UPDATE,
                { w: variable, g: gradient, m: moments.m, v: moments.v },
                attrs as unknown as tf.NamedAttrMap,
              ) as tf.Tensor[])
          : this.composedUpdate(variable, gradient, moments, attrs)
        ).map((t) => tf.keep(t)),
      ) as [tf.Tensor, tf.Tensor, tf.Tensor];
      variable.assign(w);
      w.dispose();
      moments.m.dispose();
      moments.v.dispose();
      state.m = m;
      state.v = v;
    }
    this.incrementIterations();
  }

  /** The same update as tfjs ops, for backends without the fused kernel. */
  private composedUpdate(w: tf.Tensor, g: tf.Tensor, { m, v }: Moments, a: AdamUpdateAttrs): tf.Tensor[] {
    const m1 = tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1));
    const v1 = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2));
    const step = tf.div(tf.div(m1, a.c1), tf.add(tf.sqrt(tf.div(v1, a.c2)), a.epsilon));
    const w1 = tf.sub(tf.mul(w, 1 - a.learningRate * a.weightDecay), tf.mul(step, a.learningRate));
    return [w1, m1, v1];
  }

  override dispose(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
    super.dispose();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [{ name: 'iter', tensor: tf.scalar(this.step, 'int32') }];
    for (const [name, { m, v }] of this.moments)
      weights.push({ name: `${name}/m`, tensor: m }, { name: `${name}/v`, tensor: v });
    return weights;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    for (const { name, tensor } of weightValues) {
      if (name === 'iter') {
        this.step = (await tensor.data())[0] ?? 0;
        continue;
      }
      const slash = name.lastIndexOf('/');
      const variable = name.slice(0, slash);
      const kind = name.slice(slash + 1) as 'm' | 'v';
      const state = this.moments.get(variable) ?? {
        m: tf.keep(tf.zerosLike(tensor)),
        v: tf.keep(tf.zerosLike(tensor)),
      };
      state[kind].dispose();
      state[kind] = tf.keep(tensor.clone());
      this.moments.set(variable, state);
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}
