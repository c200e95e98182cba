/**
 * Enrolling a speaker from recordings of their calm speech with @ser/models' `calibrate` (the checks — silent,
 * too short, not calm — are the library's), turning its errors into messages that name the recordings and say
 * what to do.
 */
import type { ModelBundle, SpeakerCalibration } from '@ser/models';
import { loadModels } from '../deps.js';
import { CliError } from '../errors.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { resolveModelDir } from '../model/resolve-model-dir.js';

/** One decoded enrollment recording. */
export interface EnrollmentAudio {
  /** Mono samples. */
  samples: Float32Array;
  sampleRate: number;
  /** The file, URL or `microphone (…)`, named in messages. */
  source: string;
}

/** Options of {@link enrollSpeaker}. */
export interface EnrollOptions {
  /** Skip the calm check (`--allow-not-calm`); otherwise the uncalibrated default model listens to the speech. */
  allowNotCalm: boolean;
  /** Where relative paths are resolved (for finding the default model). */
  cwd: string;
  /** How the user supplies the speech, for hints: `recording` (files) or `microphone`. */
  from?: 'recording' | 'microphone';
}

/** Hints for each enrollment failure of `calibrate`. */
const HINTS: Record<string, (from: 'recording' | 'microphone') => string> = {
  ENROLLMENT_SILENT: (from) =>
    from === 'microphone'
      ? 'check the microphone is the input in use and not muted, and speak closer to it'
      : 'give recordings of the speaker talking calmly (this one has no sound above the silence level)',
  ENROLLMENT_TOO_SHORT: (from) =>
    from === 'microphone'
      ? 'talk for the whole countdown, or record longer with --calibrate-seconds'
      : 'give at least 3 s of calm speech in all: a longer recording, or several recordings',
  ENROLLMENT_NOT_CALM: () =>
    'speak in an even, relaxed voice (e.g. read a paragraph aloud); if the speech is calm, add --allow-not-calm',
};

/**
 * The speaker's calibration for the speaker-calibrated `bundle` from `recordings` (`calibrate` of @ser/models,
 * with the uncalibrated default model as its calm check unless `allowNotCalm`).
 * @throws CliError naming the recordings, with a hint, for silent, too short (under 3 s of speech) or not calm
 *   speech, and when the default model for the calm check is not installed
 * @example
 * ```ts
 * const calibration = await enrollSpeaker(model.bundle, [{ samples, sampleRate: 16000, source: 'calm.wav' }], { allowNotCalm: false, cwd });
 * ```
 */
export async function enrollSpeaker(
  bundle: ModelBundle,
  recordings: readonly EnrollmentAudio[],
  options: EnrollOptions,
): Promise<SpeakerCalibration> {
  const { calibrate, ModelError } = await loadModels();
  const calm = options.allowNotCalm
    ? undefined
    : await loadEmotionModel((await resolveModelDir(undefined, options.cwd)).dir);
  try {
    return calibrate(
      bundle,
      recordings.map((r) => ({ samples: r.samples, sampleRate: r.sampleRate, name: r.source })),
      {
        ...(calm ? { calmModel: calm.bundle } : { allowNotCalm: true }),
      },
    );
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const hint = HINTS[error.code];
    if (!hint) throw error;
    // ENROLLMENT_SILENT names its recording; the other two speak of all of them.
    const names = error.code === 'ENROLLMENT_SILENT' ? '' : `${recordings.map((r) => r.source).join(', ')}: `;
    throw new CliError(`cannot calibrate: ${names}${error.message}`, {
      hint: hint(options.from ?? 'recording'),
      cause: error,
    });
  } finally {
    calm?.dispose();
  }
}
