/**
 * The analysis service as a library: create the server around a recognizer pool of @ser/models/node.
 */
export { createAnalysisServer, toHttpError, type AnalysisServerOptions, type CalibrationInfo } from './server.js';
export { HttpError } from './http-error.js';
export { readBody, type ReadBodyOptions } from './read-body.js';
export { assertUploadContentType, extractUpload, mediaType, type Upload } from './upload.js';
