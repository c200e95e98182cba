export {
  ENROLLMENT_SPEECH_RANGE_DB,
  bandMeansOfSums,
  enrollmentBandMeans,
  recordingSpeechBandSums,
  speechBandSums,
  type EnrollmentBandMeans,
} from './enrollment-band-means.js';
export {
  CALIBRATION_FORMAT,
  CALIBRATION_VERSION,
  calibratedFeatures,
  calibrationFeatureConfig,
  checkCalibrationFits,
  parseCalibration,
  type CalibrationFeatureConfig,
  type SpeakerCalibration,
} from './speaker-calibration.js';
export {
  DEFAULT_MIN_ENROLLMENT_SECONDS,
  NOT_CALM_LABELS,
  NOT_CALM_PROBABILITY,
  calibrate,
  type CalibrateOptions,
  type EnrollmentRecording,
} from './calibrate.js';
export {
  enrollmentOffsets,
  type EnrollmentOffsets,
  type NeutralBandSums,
  type ScoredRecording,
} from './enrollment-protocol.js';
export {
  DEFAULT_CALIBRATION_STORE_MAX_ENTRIES,
  DEFAULT_CALIBRATION_STORE_TTL_MS,
  createCalibrationStore,
  type CalibrationStore,
  type CalibrationStoreOptions,
} from './calibration-store.js';
