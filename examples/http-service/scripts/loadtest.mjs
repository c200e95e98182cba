#!/usr/bin/env node
// Load test of the analysis service: a bounded number of POST /analyze requests from a few concurrent
// clients against 127.0.0.1, then requests/s and latency percentiles. Stops by itself.
//
//   npm run loadtest -- [--requests 60] [--concurrency 4] [--file speech.wav] [--url http://127.0.0.1:8080]
//
// Without --url it starts the service in this process on a free port with the default model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRecognizerPool } from '@ser/models/node';
import { createAnalysisServer } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '4' },
    file: { type: 'string' },
    url: { type: 'string' },
    model: { type: 'string' },
  },
});
const requests = Math.min(Number(values.requests), 10_000);
const concurrency = Math.min(Number(values.concurrency), 64);
if (!(requests > 0) || !(concurrency > 0)) throw new Error('--requests and --concurrency must be positive numbers');

/** Percentile (nearest rank) of sorted numbers. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const work = mkdtempSync(join(tmpdir(), 'ser-loadtest-'));
let server;
let pool;
try {
  let file = values.file;
  if (!file) {
    file = join(work, 'speech.wav');
    execFileSync('espeak-ng', [
      '-s',
      '150',
      '-w',
      file,
      'I cannot believe you did this again. Every single time the same thing happens, and nobody listens to me.',
    ]);
  }
  const body = readFileSync(file);
  let base = values.url;
  if (base) {
    const host = new URL(base).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
      throw new Error(`--url must point at this machine (127.0.0.1), got ${host}`);
  } else {
    // Queue large enough for the test's concurrency, so the figures measure analysis, not refusals.
    pool = createRecognizerPool({
      ...(values.model ? { modelDir: values.model } : {}),
      workers: 2,
      maxQueue: concurrency,
    });
    const model = await pool.ready();
    server = createAnalysisServer({ pool });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
    console.log(
      `service on ${base} (2 workers, backend ${model.backend}, model ${values.model ?? 'pretrained default'})`,
    );
  }
  const contentType =
    file.endsWith('.ogg') || file.endsWith('.opus')
      ? 'audio/ogg'
      : file.endsWith('.mp3')
        ? 'audio/mpeg'
        : file.endsWith('.flac')
          ? 'audio/flac'
          : 'audio/wav';

  // One warm-up request (JIT, model first call), not counted.
  const warm = await fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const warmJson = /** @type {{ duration: number }} */ (await warm.json());
  if (warm.status !== 200) throw new Error(`warm-up request failed: ${warm.status} ${JSON.stringify(warmJson)}`);
  const audioSeconds = warmJson.duration;

  const latencies = [];
  const statuses = {};
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t0 = performance.now();
        const response = await fetch(`${base}/analyze`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const ok = statuses[200] ?? 0;
  console.log(
    `file ${file} (${audioSeconds.toFixed(2)} s of audio, ${body.length} bytes), ${requests} requests, concurrency ${concurrency}`,
  );
  console.log(`statuses: ${JSON.stringify(statuses)}`);
  console.log(
    `throughput: ${(requests / seconds).toFixed(1)} requests/s, ${((ok * audioSeconds) / seconds).toFixed(1)} s of audio analysed per s`,
  );
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p90 ${percentile(latencies, 90).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1).toFixed(1)}`,
  );
} finally {
  if (server) {
    server.closeAllConnections();
    server.close();
  }
  await pool?.close();
  rmSync(work, { recursive: true, force: true });
}
