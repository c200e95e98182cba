/**
 * Worker thread of a {@link RecognizerPool}: loads the bundle once, then decodes and analyses each recording
 * it is sent, so the thread that serves requests never decodes or computes features.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../backend/init-backend.js';
import { analysisReport } from '../recognizer/analysis-report.js';
import { createRecognizer } from '../recognizer/create-recognizer.js';
import { analyzeEncodedAudio } from './analyze-encoded-audio.js';
import { loadBundle } from './bundle-dir.js';
import type { RecognizerJob, RecognizerWorkerData, RecognizerWorkerMessage, SerializedError } from './recognizer-protocol.js';

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    const { code, file } = error as Error & { code?: unknown; file?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof file === 'string' ? { file } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('recognizer-worker must run in a worker thread');
  const post = (message: RecognizerWorkerMessage): void => port.postMessage(message);
  const data = workerData as RecognizerWorkerData;
  let recognizer;
  try {
    const backend = await initBackend();
    const bundle = await loadBundle(data.modelDir);
    recognizer = createRecognizer({ ...data.recognizer, bundle });
    const { labels, featureConfig } = bundle.metadata;
    post({ type: 'ready', info: { labels: [...labels], featureSet: featureConfig.featureSet, sampleRate: featureConfig.sr, backend: backend.name } });
  } catch (error) {
    post({ type: 'failed-to-start', error: serialize(error) });
    return;
  }
  const ready = recognizer;
  port.on('message', (job: RecognizerJob) => {
    void (async () => {
      try {
        const analysis = await analyzeEncodedAudio(ready, job.bytes, {
          fileName: job.fileName,
          ...(data.maxDecodedSamples === undefined ? {} : { maxDecodedSamples: data.maxDecodedSamples }),
          ...(data.maxSeconds === undefined ? {} : { maxSeconds: data.maxSeconds }),
        });
        post({ type: 'result', id: job.id, report: analysisReport(ready, analysis, analysis.recording) });
      } catch (error) {
        post({ type: 'error', id: job.id, error: serialize(error) });
      }
    })();
  });
}

void main();
