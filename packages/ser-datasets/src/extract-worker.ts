/**
 * Worker-thread entry of the corpus feature extractor (built as its own file, `dist/extract-worker.{js,cjs}`).
 * It answers each {@link ExtractJob} with the file's features or its error.
 */
import { parentPort } from 'node:worker_threads';
import { describeFileError, extractFileFeatures } from './extract/extract-file.js';
import type { ExtractJob, ExtractReply } from './extract/worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run in a worker thread');

port.on('message', (job: ExtractJob) => {
  extractFileFeatures(job.path, job.config).then(
    (data) => {
      const reply: ExtractReply = { index: job.index, ok: true, data };
      port.postMessage(reply, [data.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      const code = (error as { code?: unknown })?.code;
      const reply: ExtractReply = {
        index: job.index,
        ok: false,
        error: describeFileError(job.path, error),
        ...(typeof code === 'string' ? { code } : {}),
      };
      port.postMessage(reply);
    },
  );
});
