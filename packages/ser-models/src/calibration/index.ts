export {
  ENROLMENT_SPEECH_RANGE_DB, bandMeansOfSums, enrolmentBandMeans, recordingSpeechBandSums, speechBandSums, type EnrolmentBandMeans,
} from './enrolment-band-means.js';
export {
  CALIBRATION_FORMAT, CALIBRATION_VERSION, calibratedFeatures, calibrationFeatureConfig, checkCalibrationFits, parseCalibration,
  type CalibrationFeatureConfig, type SpeakerCalibration,
} from './speaker-calibration.js';
export {
  DEFAULT_MIN_ENROLMENT_SECONDS, NOT_CALM_LABELS, NOT_CALM_PROBABILITY, calibrate, type CalibrateOptions, type EnrolmentRecording,
} from './calibrate.js';
export { enrolmentOffsets, type EnrolmentOffsets, type NeutralBandSums, type ScoredRecording } from './enrolment-protocol.js';
export {
  DEFAULT_CALIBRATION_STORE_MAX_ENTRIES, DEFAULT_CALIBRATION_STORE_TTL_MS, createCalibrationStore, type CalibrationStore, type CalibrationStoreOptions,
} from './calibration-store.js';
