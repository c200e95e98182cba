export { ENROLMENT_SPEECH_RANGE_DB, enrolmentBandMeans, speechBandSums, type EnrolmentBandMeans } from './enrolment-band-means.js';
