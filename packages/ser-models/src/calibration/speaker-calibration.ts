/**
 * The speaker calibration object (JSON, versioned): a speaker's calibration offset and the feature configuration
 * it was measured with, and the checks that tie it to a model.
 */
import type { LogmelConfig } from '@ser/audio-features';
import type { BundleMetadata } from '../bundle/bundle-types.js';
import { ModelError } from '../errors.js';

/** The `format` of a calibration file. */
export const CALIBRATION_FORMAT = 'ser-calibration';
/** The current (and only) `version` of the calibration format. */
export const CALIBRATION_VERSION = 1;

/**
 * The log-mel parameters a calibration offset depends on: a calibrated bundle's `featureConfig` without `frames`
 * and `padMode` (the offset is measured on whole recordings, whatever length the model takes).
 */
export type CalibrationFeatureConfig = Pick<
  LogmelConfig,
  'featureSet' | 'sr' | 'nFft' | 'hopLength' | 'nMels' | 'fmin' | 'fmax'
>;

/** The fields of {@link CalibrationFeatureConfig}, in the order they are compared. */
const CALIBRATION_CONFIG_FIELDS = ['featureSet', 'sr', 'nFft', 'hopLength', 'nMels', 'fmin', 'fmax'] as const;

/**
 * A speaker's calibration for a speaker-calibrated model (a bundle whose metadata has `calibration`): the per-band
 * mean un-normalised log-mel of their calm speech (`enrollmentBandMeans`), which the recognizer subtracts from every
 * frame before the model. Plain JSON: save it with `JSON.stringify`, read it back with {@link parseCalibration}.
 *
 * @example
 * ```json
 * { "format": "ser-calibration", "version": 1, "kind": "speakerBandMeans", "speechRangeDb": 35,
 *   "featureConfig": { "featureSet": "logmel", "sr": 16000, "nFft": 512, "hopLength": 160, "nMels": 64, "fmin": 0, "fmax": 8000 },
 *   "bandMeans": [-48.2, …], "speechSeconds": 7.4, "recordings": 3, "createdAt": "2026-12-02T08:00:00.000Z" }
 * ```
 */
export interface SpeakerCalibration {
  format: typeof CALIBRATION_FORMAT;
  version: typeof CALIBRATION_VERSION;
  /** What the offset is: the bundle's `calibration.kind`. */
  kind: 'speakerBandMeans';
  /** Frames within this many dB of a recording's loudest were speech (the bundle's `calibration.speechRangeDb`). */
  speechRangeDb: number;
  /** The features the offset was measured with; a model with other ones refuses the calibration. */
  featureConfig: CalibrationFeatureConfig;
  /** The offset: mean log-mel (dB) of each of the `nMels` bands over the speech frames. */
  bandMeans: number[];
  /** Seconds of speech the means rest on. */
  speechSeconds: number;
  /** How many recordings were enrolled. */
  recordings: number;
  /** When it was made (ISO 8601). */
  createdAt: string;
}

/** The {@link CalibrationFeatureConfig} of a log-mel configuration. */
export function calibrationFeatureConfig(config: LogmelConfig): CalibrationFeatureConfig {
  return {
    featureSet: 'logmel',
    sr: config.sr,
    nFft: config.nFft,
    hopLength: config.hopLength,
    nMels: config.nMels,
    fmin: config.fmin,
    fmax: config.fmax,
  };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Reads and checks a calibration: a JSON string or an already parsed value.
 * @param file - where it came from (a path, an upload, …), named in every error
 * @returns the calibration, with only its known fields
 * @throws {@link ModelError} `INVALID_CALIBRATION` naming `file` and the field at fault: not JSON, another format,
 *   a newer version, a missing or non-finite value, band means of the wrong length
 * @example
 * ```ts
 * const calibration = parseCalibration(readFileSync('me.calibration.json', 'utf8'), 'me.calibration.json');
 * ```
 */
export function parseCalibration(json: unknown, file = 'the calibration'): SpeakerCalibration {
  const fail = (what: string): never => {
    throw new ModelError('INVALID_CALIBRATION', `${file}: ${what}`, { file });
  };
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new ModelError(
        'INVALID_CALIBRATION',
        `${file}: not valid JSON (${(cause as Error).message}); expected a ser-calibration file`,
        { file, cause },
      );
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    fail('expected a JSON object (a ser-calibration file)');
  const c = value as Record<string, unknown>;
  if (c.format !== CALIBRATION_FORMAT)
    fail(`format must be "${CALIBRATION_FORMAT}", got ${JSON.stringify(c.format)}: is this a calibration file?`);
  if (c.version !== CALIBRATION_VERSION) {
    fail(
      `version ${JSON.stringify(c.version)} is not supported; this @ser/models reads version ${CALIBRATION_VERSION}`,
    );
  }
  if (c.kind !== 'speakerBandMeans') fail(`kind must be "speakerBandMeans", got ${JSON.stringify(c.kind)}`);
  if (!isFiniteNumber(c.speechRangeDb) || c.speechRangeDb <= 0)
    fail(`speechRangeDb must be a number of dB > 0, got ${JSON.stringify(c.speechRangeDb)}`);
  const config = c.featureConfig as Record<string, unknown> | null;
  if (!config || typeof config !== 'object') fail('featureConfig is missing');
  const featureConfig = {} as Record<string, unknown>;
  for (const field of CALIBRATION_CONFIG_FIELDS) {
    const v = config![field];
    if (field === 'featureSet' ? v !== 'logmel' : !isFiniteNumber(v))
      fail(
        `featureConfig.${field} is ${JSON.stringify(v)}; expected ${field === 'featureSet' ? '"logmel"' : 'a number'}`,
      );
    featureConfig[field] = v;
  }
  const nMels = featureConfig.nMels as number;
  if (!Array.isArray(c.bandMeans) || c.bandMeans.length !== nMels) {
    fail(
      `bandMeans must hold nMels = ${nMels} numbers, got ${Array.isArray(c.bandMeans) ? `${c.bandMeans.length}` : JSON.stringify(c.bandMeans)}`,
    );
  }
  const bad = (c.bandMeans as unknown[]).findIndex((v) => !isFiniteNumber(v));
  if (bad >= 0) fail(`bandMeans[${bad}] is ${JSON.stringify((c.bandMeans as unknown[])[bad])}, not a finite number`);
  if (!isFiniteNumber(c.speechSeconds) || c.speechSeconds < 0)
    fail(`speechSeconds must be a number ≥ 0, got ${JSON.stringify(c.speechSeconds)}`);
  if (!Number.isInteger(c.recordings) || (c.recordings as number) < 1)
    fail(`recordings must be an integer ≥ 1, got ${JSON.stringify(c.recordings)}`);
  if (typeof c.createdAt !== 'string') fail(`createdAt must be an ISO date string, got ${JSON.stringify(c.createdAt)}`);
  return {
    format: CALIBRATION_FORMAT,
    version: CALIBRATION_VERSION,
    kind: 'speakerBandMeans',
    speechRangeDb: c.speechRangeDb as number,
    featureConfig: featureConfig as CalibrationFeatureConfig,
    bandMeans: [...(c.bandMeans as number[])],
    speechSeconds: c.speechSeconds as number,
    recordings: c.recordings as number,
    createdAt: c.createdAt as string,
  };
}

/**
 * Checks that `calibration` goes with the model of `metadata`: a calibrated model (metadata `calibration`) needs
 * one, made with its feature configuration and speech range; any other model takes none.
 * @param where - the model's name in messages (its directory, `the default model`, …)
 * @throws {@link ModelError} `INCOMPATIBLE_CALIBRATION` saying which of the three is the case, and for a mismatch
 *   which field differs
 */
export function checkCalibrationFits(
  metadata: BundleMetadata,
  calibration: SpeakerCalibration | undefined,
  where = 'the model',
): void {
  const needs = metadata.calibration;
  if (needs === undefined) {
    if (calibration === undefined) return;
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      `${where} takes no speaker calibration (it was not trained on calibrated features): use a speaker-calibrated model ` +
        '(e.g. the calibrated default model, loadDefaultModel({ calibrated: true })), or analyse without the calibration',
    );
  }
  if (calibration === undefined) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      `${where} is speaker-calibrated and needs a calibration: make one from a few seconds of the speaker's calm speech with calibrate() (\`ser calibrate\`)`,
    );
  }
  if (calibration.kind !== needs.kind || calibration.speechRangeDb !== needs.speechRangeDb) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      `the calibration (${calibration.kind}, speech within ${calibration.speechRangeDb} dB) was not made for ${where} (${needs.kind}, ${needs.speechRangeDb} dB): calibrate again with this model`,
    );
  }
  const config = metadata.featureConfig as unknown as Record<string, unknown>;
  for (const field of CALIBRATION_CONFIG_FIELDS) {
    if (calibration.featureConfig[field] !== config[field]) {
      throw new ModelError(
        'INCOMPATIBLE_CALIBRATION',
        `the calibration was made with featureConfig.${field} = ${JSON.stringify(calibration.featureConfig[field])}, but ${where} uses ${JSON.stringify(config[field])}: calibrate again with this model`,
      );
    }
  }
  if (calibration.bandMeans.length !== (config.nMels as number)) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      `the calibration has ${calibration.bandMeans.length} band means, ${where} has ${String(config.nMels)} bands`,
    );
  }
}

/**
 * Time-major log-mel `[frames, bands]` minus the speaker's band means on every frame and band: what a
 * speaker-calibrated model takes (before its standardisation). The one place a calibration meets features.
 * @returns a new array
 * @example
 * ```ts
 * calibratedFeatures(Float32Array.from([-10, -20, -12, -22]), [-11, -21]); // [1, 1, -1, -1]
 * ```
 */
export function calibratedFeatures(logmel: Float32Array, bandMeans: ArrayLike<number>): Float32Array {
  const bands = bandMeans.length;
  if (bands === 0 || logmel.length % bands !== 0) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `calibration: ${logmel.length} feature values are not whole frames of ${bands} bands`,
    );
  }
  const out = new Float32Array(logmel.length);
  for (let i = 0; i < logmel.length; i++) out[i] = logmel[i]! - bandMeans[i % bands]!;
  return out;
}
