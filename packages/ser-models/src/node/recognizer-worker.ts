/**
 * Worker thread of a {@link RecognizerPool}: loads the bundle once, then decodes and analyses each recording
 * it is sent (with a speaker's calibration on the calibrated bundle, loaded when first needed), or enrolls a
 * speaker, so the thread that serves requests never decodes or computes features.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../backend/init-backend.js';
import type { ModelBundle } from '../bundle/bundle-types.js';
import { calibrate } from '../calibration/calibrate.js';
import { ModelError } from '../errors.js';
import { analysisReport } from '../recognizer/analysis-report.js';
import { createRecognizer, type Recognizer } from '../recognizer/create-recognizer.js';
import { analyzeEncodedAudio } from './analyze-encoded-audio.js';
import { loadBundle } from './bundle-dir.js';
import { decodeRecording } from './decode-recording.js';
import type {
  RecognizerJob,
  RecognizerWorkerData,
  RecognizerWorkerMessage,
  SerializedError,
} from './recognizer-protocol.js';

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

/** Loads `dir` once, on first use. */
function lazyBundle(dir: string | undefined, missing: string): () => Promise<ModelBundle> {
  let loading: Promise<ModelBundle> | undefined;
  return () => {
    if (dir === undefined) return Promise.reject(new ModelError('INCOMPATIBLE_CALIBRATION', missing));
    loading ??= loadBundle(dir);
    return loading;
  };
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('recognizer-worker must run in a worker thread');
  const post = (message: RecognizerWorkerMessage): void => port.postMessage(message);
  const data = workerData as RecognizerWorkerData;
  let bundle: ModelBundle;
  let plain: Recognizer | undefined;
  try {
    const backend = await initBackend();
    bundle = await loadBundle(data.modelDir);
    // A calibrated bundle has no recognizer without a calibration: each job brings its own.
    if (bundle.metadata.calibration === undefined) plain = createRecognizer({ ...data.recognizer, bundle });
    const { labels, featureConfig } = bundle.metadata;
    post({
      type: 'ready',
      info: {
        labels: [...labels],
        featureSet: featureConfig.featureSet,
        sampleRate: featureConfig.sr,
        backend: backend.name,
      },
    });
  } catch (error) {
    post({ type: 'failed-to-start', error: serialize(error) });
    return;
  }
  const loaded = bundle;
  const calibratedBundle =
    loaded.metadata.calibration !== undefined
      ? () => Promise.resolve(loaded)
      : lazyBundle(
          data.calibratedModelDir,
          `the model in ${data.modelDir} takes no speaker calibration, and the pool has no calibrated model (calibratedModelDir)`,
        );
  const calmBundle =
    loaded.metadata.calibration === undefined ? () => Promise.resolve(loaded) : lazyBundle(data.calmModelDir, '');
  const budget = {
    ...(data.maxDecodedSamples === undefined ? {} : { maxDecodedSamples: data.maxDecodedSamples }),
    ...(data.maxSeconds === undefined ? {} : { maxSeconds: data.maxSeconds }),
  };

  const run = async (job: RecognizerJob): Promise<RecognizerWorkerMessage> => {
    if (job.kind === 'calibrate') {
      const target = await calibratedBundle();
      const decoded = await decodeRecording(job.bytes, target.metadata.featureConfig.sr, {
        ...budget,
        fileName: job.fileName,
      });
      const calibration = calibrate(
        target,
        [{ samples: decoded.samples, sampleRate: decoded.sampleRate, name: job.fileName }],
        job.allowNotCalm === true ? { allowNotCalm: true } : { calmModel: await calmBundle() },
      );
      return { type: 'calibration', id: job.id, calibration };
    }
    const recognizer =
      job.calibration === undefined
        ? (plain ?? createRecognizer({ ...data.recognizer, bundle: loaded })) // the latter throws: a calibrated model needs a calibration
        : createRecognizer({ ...data.recognizer, bundle: await calibratedBundle(), calibration: job.calibration });
    const analysis = await analyzeEncodedAudio(recognizer, job.bytes, { fileName: job.fileName, ...budget });
    return { type: 'result', id: job.id, report: analysisReport(recognizer, analysis, analysis.recording) };
  };

  port.on('message', (job: RecognizerJob) => {
    void (async () => {
      try {
        post(await run(job));
      } catch (error) {
        post({ type: 'error', id: job.id, error: serialize(error) });
      }
    })();
  });
}

void main();
