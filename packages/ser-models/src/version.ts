import { version } from '../package.json';

/** Version of @ser/models recorded in model bundles (read from its package.json at build time). */
export const SER_MODELS_VERSION: string = version;
