import { name, version } from '../package.json';

/** Version of @ser/datasets (from package.json), saved in every corpus's metadata. */
export const LIBRARY_VERSION: string = version;
/** Package name saved in corpus metadata. */
export const LIBRARY_NAME: string = name;
