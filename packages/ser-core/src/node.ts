/**
 * @ser/core/node: the Node-only part of @ser/core (it uses node:fs, node:worker_threads and node:v8), for the
 * worker pools of @ser/datasets and @ser/models. Everything in the main entry is exported here too.
 */
export * from './index.js';
export { findBuiltScript, type BuiltScriptLocation } from './node/built-script.js';
export { startWorkerThread } from './node/start-worker-thread.js';
