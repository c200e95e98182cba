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
  extractFileFeatures(job.path, job.config, job.limits).then(
    (data) => {
      const reply: ExtractReply = { index: job.index, ok: true, data };
      // Copied, not transferred: a transfer detaches the buffer, and after the first detached ArrayBuffer V8
      // runs typed-array code in this thread about 30 % slower (a few hundred floats cost nothing to copy).
      port.postMessage(reply);
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
