/**
 * The optimisation recipe options of `ser train`: optimizer, learning-rate schedule, label smoothing and
 * on-the-fly augmentation. Their defaults depend on the architecture: attentionCnn (the default-model recipe)
 * trains with AdamW (weight decay 0.01), a one-cycle schedule peaking at --lr, label smoothing 0.1 and frame
 * augmentation (time shift + SpecAugment) for a fixed number of epochs; the other architectures keep Adam at a
 * constant --lr with early stopping, as the original project.
 */
import type { TrainOptions } from '@ser/models';
import { choiceOption, numberOption } from '../args.js';
import type { OptionSpec, ParsedOptions } from '../command.js';
import { UsageError } from '../errors.js';
import type { ArchName } from './architectures.js';

const OPTIMIZERS = ['adam', 'adamw'] as const;
const SCHEDULES = ['constant', 'one-cycle'] as const;
const AUGMENTATIONS = ['none', 'frames'] as const;

/** The recipe options, to spread into a command's option specs. */
export const RECIPE_OPTIONS: Record<string, OptionSpec> = {
  optimizer: { type: 'string', valueName: 'name', description: 'adam or adamw (decoupled weight decay)', defaultText: 'adamw for attentionCnn, else adam' },
  'weight-decay': { type: 'string', valueName: 'λ', description: 'AdamW weight decay', defaultText: '0.01' },
  schedule: { type: 'string', valueName: 'name', description: 'learning rate: constant, or one-cycle peaking at --lr', defaultText: 'one-cycle for attentionCnn, else constant' },
  'label-smoothing': { type: 'string', valueName: 'ε', description: 'label smoothing of the targets', defaultText: '0.1 for attentionCnn, else 0' },
  augment: { type: 'string', valueName: 'kind', description: 'none, or frames: random time shift + SpecAugment masks on every batch (frame features)', defaultText: 'frames for attentionCnn, else none' },
};

/** Whether `arch` defaults to the default-model recipe. */
export function usesFrameRecipe(arch: ArchName): boolean {
  return arch === 'attentionCnn';
}

/** trainModel options of the recipe for `arch`, from the command line (the learning rate is --lr's). */
export async function recipeTrainOptions(options: ParsedOptions, arch: ArchName, rowShape: readonly number[]): Promise<Partial<TrainOptions>> {
  const recipe = usesFrameRecipe(arch);
  const optimizer = choiceOption(options, 'optimizer', OPTIMIZERS, recipe ? 'adamw' : 'adam');
  const weightDecay = numberOption(options, 'weight-decay', 0.01, { min: 0, max: 1 });
  const schedule = choiceOption(options, 'schedule', SCHEDULES, recipe ? 'one-cycle' : 'constant');
  const labelSmoothing = numberOption(options, 'label-smoothing', recipe ? 0.1 : 0, { min: 0, max: 0.99 });
  const augment = choiceOption(options, 'augment', AUGMENTATIONS, recipe ? 'frames' : 'none');
  if (augment === 'frames' && rowShape.length !== 2) {
    throw new UsageError(`--augment frames needs frame features [frames, bands], but the corpus rows have shape [${rowShape.join('×')}]`, {
      hint: 'extract with `ser extract … --features logmel`, or pass --augment none',
    });
  }
  const models = await import('@ser/models');
  const lr = numberOption(options, 'lr', recipe ? 2e-3 : 1e-3, { min: 0, exclusiveMin: true, max: 10 });
  return {
    optimizer: optimizer === 'adamw' ? { name: 'adamw', weightDecay, learningRate: lr } : { name: 'adam', learningRate: lr },
    schedule: schedule === 'one-cycle' ? models.oneCycle({ maxLearningRate: lr }) : undefined,
    labelSmoothing,
    augment: augment === 'frames' ? models.frameAugmentation() : undefined,
  };
}
