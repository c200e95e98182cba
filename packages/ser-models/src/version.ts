/** Version of @ser/models recorded in model bundles. Keep in step with package.json. */
export const SER_MODELS_VERSION = '0.1.0';
