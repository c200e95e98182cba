/**
 * The optimisation recipe options of `ser train`: optimizer, learning-rate schedule, label smoothing and
 * on-the-fly augmentation. Their defaults depend on the architecture: attentionCnn (the default-model recipe)
 * trains with AdamW (weight decay 0.01), a one-cycle schedule peaking at --lr, label smoothing 0.1 and frame
 * augmentation (time shift + SpecAugment) for a fixed number of epochs; the other architectures keep Adam at a
 * constant --lr with early stopping, as the original project.
 */
import type { TrainOptions } from '@ser/models';
import type { ArchName } from './architectures.js';
import { UsageError } from '../errors.js';
import { choice, number, type OptionValues } from '../options.js';

const OPTIMIZERS = ['adam', 'adamw'] as const;
const SCHEDULES = ['constant', 'one-cycle'] as const;
const AUGMENTATIONS = ['none', 'frames'] as const;

/** The default-model recipe's choice, for attentionCnn (declare the recipe options after --arch). */
const forRecipe = <T>(recipe: T, otherwise: T) => ({ by: 'arch', cases: { attentionCnn: recipe }, otherwise });

/** The recipe options, to spread into a command's option specs (after --arch). */
export const RECIPE_OPTIONS = {
  optimizer: choice({
    valueName: 'name',
    description: 'adam or adamw (decoupled weight decay)',
    choices: OPTIMIZERS,
    default: forRecipe<(typeof OPTIMIZERS)[number]>('adamw', 'adam'),
  }),
  'weight-decay': number({ valueName: 'λ', description: 'AdamW weight decay', default: 0.01, min: 0, max: 1 }),
  schedule: choice({
    valueName: 'name',
    description: 'learning rate: constant, or one-cycle peaking at --lr',
    choices: SCHEDULES,
    default: forRecipe<(typeof SCHEDULES)[number]>('one-cycle', 'constant'),
  }),
  'label-smoothing': number({
    valueName: 'ε',
    description: 'label smoothing of the targets',
    default: forRecipe(0.1, 0),
    min: 0,
    max: 0.99,
  }),
  augment: choice({
    valueName: 'kind',
    description: 'none, or frames: random time shift + SpecAugment masks on every batch (frame features)',
    choices: AUGMENTATIONS,
    default: forRecipe<(typeof AUGMENTATIONS)[number]>('frames', 'none'),
  }),
};

/** `--lr <rate>` of `ser train` (declare after --arch). */
export const LEARNING_RATE_OPTION = number({
  valueName: 'rate',
  description: 'learning rate (the peak of a one-cycle schedule)',
  default: forRecipe(2e-3, 1e-3),
  min: 0,
  exclusiveMin: true,
  max: 10,
});

/** The recipe options' values. */
export type RecipeValues = OptionValues<typeof RECIPE_OPTIONS>;

/** Whether `arch` defaults to the default-model recipe. */
export function usesFrameRecipe(arch: ArchName): boolean {
  return arch === 'attentionCnn';
}

/**
 * trainModel options of the recipe, from the recipe options' values and the learning rate.
 * @throws UsageError for frame augmentation of vector features
 */
export async function recipeTrainOptions(
  values: RecipeValues,
  learningRate: number,
  rowShape: readonly number[],
): Promise<Partial<TrainOptions>> {
  if (values.augment === 'frames' && rowShape.length !== 2) {
    throw new UsageError(
      `--augment frames needs frame features [frames, bands], but the corpus rows have shape [${rowShape.join('×')}]`,
      {
        hint: 'extract with `ser extract … --features logmel`, or pass --augment none',
      },
    );
  }
  const models = await import('@ser/models');
  const lr = learningRate;
  return {
    optimizer:
      values.optimizer === 'adamw'
        ? { name: 'adamw', weightDecay: values['weight-decay'], learningRate: lr }
        : { name: 'adam', learningRate: lr },
    schedule: values.schedule === 'one-cycle' ? models.oneCycle({ maxLearningRate: lr }) : undefined,
    labelSmoothing: values['label-smoothing'],
    augment: values.augment === 'frames' ? models.frameAugmentation() : undefined,
  };
}
