/**
 * Data augmentation for speech-emotion training: waveform transforms (noise, gain, shift, speed) and
 * SpecAugment-style masking of time-major features. Every random choice comes from a caller-supplied
 * generator, so augmentation is reproducible.
 * @packageDocumentation
 */
export { addNoise, type AddNoiseOptions } from './add-noise.js';
export { applyGain } from './gain.js';
export { timeShift } from './time-shift.js';
export { speedPerturb, type SpeedPerturbOptions } from './speed-perturb.js';
export { randomCrop } from './random-crop.js';
export { specAugment, type SpecAugmentOptions } from './spec-augment.js';
export {
  augmentWaveform,
  type AppliedAugmentation,
  type WaveformAugmentationOptions,
} from './waveform-augmentation.js';
export {
  frameAugmentation,
  type AugmentableBatch,
  type BatchAugmentation,
  type FrameAugmentationOptions,
} from './frame-augmentation.js';
