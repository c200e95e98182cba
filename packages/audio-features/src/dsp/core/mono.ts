import { AudioFeaturesError } from '../../errors.js';

/**
 * Mixes channels down to mono by averaging them, like `librosa.to_mono` (`np.mean(y, axis=0)`).
 * One channel is returned as a copy.
 *
 * @throws AudioFeaturesError INVALID_ARGUMENT when there are no channels or their lengths differ
 */
export function toMono(channels: Float32Array[]): Float32Array {
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', 'toMono needs at least one channel');
  }
  const length = channels[0]!.length;
  channels.forEach((channel, c) => {
    if (channel.length !== length) {
      throw new AudioFeaturesError(
        'INVALID_ARGUMENT',
        `toMono: channel ${c} has ${channel.length} samples, channel 0 has ${length}`,
      );
    }
  });
  if (channels.length === 1) return channels[0]!.slice();
  const mono = new Float32Array(length);
  const sum = new Float64Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) sum[i]! += channel[i]!;
  for (let i = 0; i < length; i++) mono[i] = sum[i]! / channels.length;
  return mono;
}
