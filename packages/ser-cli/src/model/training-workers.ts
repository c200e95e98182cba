/**
 * Training threads of `ser train` and `ser tune` (`--workers`, declared in shared-options.ts): data-parallel training over worker threads (@ser/models'
 * createDataParallelStepper). The default is what paid off on the 2-core development machine (see
 * packages/ser-models/bench/train.mjs): one worker beside the main thread for the convolutional architectures on
 * a machine with at least two cores; none for cnnLstm and the MLP, whose steps are short enough that the
 * per-step messages cost more than the second core saves.
 */
import { availableParallelism } from 'node:os';
import type { GradientStepper } from '@ser/models';
import type { createDataParallelStepper } from '@ser/models/node';
import { loadModelsNode } from '../deps.js';

/** A model as @ser/models' trainers take it. */
type TrainableModel = Parameters<typeof createDataParallelStepper>[0];

/** The default worker count for an architecture on this machine. */
export function defaultWorkers(arch: string, cores = availableParallelism()): number {
  return arch === 'mlp' || arch === 'cnnLstm' || cores < 2 ? 0 : 1;
}

/** Runs `work` with a data-parallel stepper over `workers` threads (none when 0), disposed afterwards. */
export async function withTrainingWorkers<T>(
  model: TrainableModel,
  workers: number,
  work: (stepper: GradientStepper | undefined) => Promise<T>,
): Promise<T> {
  if (workers === 0) return work(undefined);
  const { createDataParallelStepper } = await loadModelsNode();
  const stepper = await createDataParallelStepper(model, { workers });
  try {
    return await work(stepper);
  } finally {
    await stepper.dispose();
  }
}
