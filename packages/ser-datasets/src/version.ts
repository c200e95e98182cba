/** Version of @ser/datasets, saved in every corpus's metadata (kept equal to package.json by a test). */
export const LIBRARY_VERSION = '0.1.0';
/** Package name saved in corpus metadata. */
export const LIBRARY_NAME = '@ser/datasets';
