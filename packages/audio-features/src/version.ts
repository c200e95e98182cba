import { version } from '../package.json';

/** The installed @ser/audio-features version (model bundles and saved corpora record it). */
export const AUDIO_FEATURES_VERSION: string = version;
