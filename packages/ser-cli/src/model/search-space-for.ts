/** The hyperparameter search space of an architecture: the original project's space, restricted to what it has. */
import type { SearchSpace } from '@ser/models';
import { loadModels } from '../deps.js';
import { ARCH_CHOICES, type ArchName } from './architectures.js';

/** The default hyperparameters of each architecture (their names are the ones it has). */
async function architectureDefaults(): Promise<Record<ArchName, Record<string, number>>> {
  const models = await loadModels();
  return {
    ogCnn: models.OG_CNN_DEFAULTS,
    paperCnn: models.PAPER_CNN_DEFAULTS,
    cnnLstm: models.CNN_LSTM_DEFAULTS,
    attentionCnn: models.ATTENTION_CNN_DEFAULTS,
    mlp: models.MLP_DEFAULTS,
  };
}

/** `originalSearchSpace()` keeping only the hyperparameters `arch` has: what `ser tune --arch` searches. */
export async function searchSpaceFor(arch: ArchName): Promise<SearchSpace> {
  const models = await loadModels();
  const defaults = (await architectureDefaults())[arch];
  const space = new models.SearchSpace();
  for (const spec of models.originalSearchSpace().specs) {
    if (!(spec.name in defaults)) continue;
    if (spec.type === 'int') space.int(spec.name, spec.min, spec.max, spec.step);
    else if (spec.type === 'float') space.float(spec.name, spec.min, spec.max, spec.step);
    else space.choice(spec.name, spec.values);
  }
  return space;
}

/** The architectures whose search space has exactly these hyperparameter names (a log's `space`). */
export async function architecturesSearching(names: readonly string[]): Promise<ArchName[]> {
  const key = [...names].sort().join(',');
  const matches: ArchName[] = [];
  for (const arch of ARCH_CHOICES) {
    if (
      (await searchSpaceFor(arch)).specs
        .map((s) => s.name)
        .sort()
        .join(',') === key
    )
      matches.push(arch);
  }
  return matches;
}
