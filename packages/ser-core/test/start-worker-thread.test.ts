import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { startWorkerThread } from '../src/node.js';

// V8's own view of an isolate: whether it compiles optimised code on background threads.
const PROBE = `
  const { parentPort } = require('node:worker_threads');
  require('node:v8').setFlagsFromString('--allow-natives-syntax');
  parentPort.postMessage(new Function('return %IsConcurrentRecompilationSupported()')());
`;

describe('startWorkerThread', () => {
  it('starts workers without the background optimising compiler, whose jobs can outlive a worker (Node 20 abort)', async () => {
    setFlagsFromString('--allow-natives-syntax');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a V8 intrinsic can only be reached by compiling source
    const mainThread = new Function('return %IsConcurrentRecompilationSupported()')() as boolean;
    const worker = startWorkerThread(PROBE, { eval: true });
    const [inWorker] = (await once(worker, 'message')) as [boolean];
    await worker.terminate();
    expect(mainThread).toBe(true); // the main thread keeps its background compiler
    expect(inWorker).toBe(false);
  });
});
