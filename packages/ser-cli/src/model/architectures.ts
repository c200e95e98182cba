/** Choosing an architecture of @ser/models and the input shape it needs for a corpus's rows. */
import { UsageError } from '../errors.js';

/** Architectures `--arch` accepts. */
export const ARCH_CHOICES = ['ogCnn', 'paperCnn', 'cnnLstm', 'attentionCnn', 'mlp'] as const;
/** One of {@link ARCH_CHOICES}. */
export type ArchName = (typeof ARCH_CHOICES)[number];

/**
 * The model input shape for rows of shape `rowShape`: the 1-D CNNs read a 180-vector as a (180, 1) sequence,
 * cnnLstm and attentionCnn need time-major frames `[frames, bins]`, the MLP takes anything.
 * @throws UsageError when the corpus's features do not fit the architecture
 */
export function inputShapeFor(arch: ArchName, rowShape: readonly number[], featureSet: string): number[] {
  if (arch === 'mlp') return [...rowShape];
  if (arch === 'cnnLstm' || arch === 'attentionCnn') {
    if (rowShape.length !== 2) {
      throw new UsageError(
        `--arch ${arch} needs frame features (logmel or mfcc-frames), but the corpus has ${featureSet} rows of shape [${rowShape.join('×')}]`,
        {
          hint: 'extract with `ser extract … --features logmel`, or pick --arch ogCnn|paperCnn|mlp',
        },
      );
    }
    return [...rowShape];
  }
  if (rowShape.length === 1) return [rowShape[0]!, 1];
  if (rowShape.length === 2) return [...rowShape];
  throw new UsageError(`--arch ${arch} cannot read rows of shape [${rowShape.join('×')}]`);
}
