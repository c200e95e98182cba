/**
 * `npm start` as a process manager runs it: a SIGTERM to npm stops the server (the script `exec`s node, so
 * the signal reaches it), and no `node dist/main.js` is left listening.
 */
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { npmStartThenSigterm } from '@ser/test-support/npm-start';

it('stops the server when npm start gets SIGTERM', async () => {
  const stop = await npmStartThenSigterm(resolve(__dirname, '..'), ['--port', '0']);
  expect(stop.stillListening, stop.output).toBe(false);
}, 90_000);
