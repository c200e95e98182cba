import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';

/**
 * One model whose output is the mean of `members`' outputs (an ensemble of seeds as a single tfl.layers graph):
 * each member's layers are re-created from their configs, named `m<k>_<layer name>`, given the member's weights
 * and applied to one shared input; a final Average layer averages the class probabilities. The result saves,
 * loads and predicts like any model (custom layers must be registered, as this package's are).
 *
 * @param members - models of the same input shape with one input and one output, sequential or functional (each
 *   layer applied once; their own InputLayer is replaced by the shared input).
 * @param inputShape - one example's shape, e.g. `[300, 64]`.
 * @example
 * ```ts
 * const ensemble = averageModels([a, b, c], [300, 64]); // predict(ensemble) = (a + b + c) / 3
 * ```
 */
export function averageModels(members: tfl.LayersModel[], inputShape: number[], name = 'ensemble'): tfl.LayersModel {
  if (members.length === 0) throw new ModelError('INVALID_ARGUMENT', 'averageModels: no members');
  if (members.length === 1) return members[0]!;
  const input = tfl.input({ shape: inputShape, name: 'features' });
  const outputs: tfl.SymbolicTensor[] = [];
  const pairs: Array<[tfl.layers.Layer, tfl.layers.Layer]> = [];
  members.forEach((member, k) => {
    // Layers come in topological order; each is applied once, to the clones of the layers that fed it.
    const outputsOf = new Map<tfl.layers.Layer, tfl.SymbolicTensor>();
    for (const layer of member.layers) {
      if (layer.getClassName() === 'InputLayer') {
        outputsOf.set(layer, input);
        continue;
      }
      const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
      const sources = inbound.map((source) => {
        const tensor = outputsOf.get(source);
        if (!tensor)
          throw new ModelError(
            'INVALID_ARGUMENT',
            `averageModels: member ${k}'s layer ${layer.name} is fed by ${source.name}, which comes later`,
          );
        return tensor;
      });
      const LayerClass = layer.constructor as unknown as tf.serialization.SerializableConstructor<tfl.layers.Layer> & {
        fromConfig: (cls: unknown, config: tf.serialization.ConfigDict) => tfl.layers.Layer;
      };
      const clone = LayerClass.fromConfig(LayerClass, { ...layer.getConfig(), name: `m${k}_${layer.name}` });
      outputsOf.set(layer, clone.apply(sources.length === 1 ? sources[0]! : sources) as tfl.SymbolicTensor);
      pairs.push([clone, layer]);
    }
    const last = member.outputs[0]?.sourceLayer;
    const output = last ? outputsOf.get(last) : undefined;
    if (!output || member.outputs.length !== 1)
      throw new ModelError('INVALID_ARGUMENT', `averageModels: member ${k} must have exactly one output`);
    outputs.push(output);
  });
  const averaged = tfl.layers.average({ name: `${name}_average` }).apply(outputs) as tfl.SymbolicTensor;
  const combined = tfl.model({ inputs: input, outputs: averaged, name });
  for (const [clone, layer] of pairs) clone.setWeights(layer.getWeights());
  return combined;
}
