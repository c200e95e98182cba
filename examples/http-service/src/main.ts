/**
 * Command-line entry: `node dist/main.js [--port 8080] [--host 127.0.0.1] [--model <bundle dir>] …`.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_CALIBRATION_STORE_MAX_ENTRIES,
  DEFAULT_CALIBRATION_STORE_TTL_MS,
  createCalibrationStore,
} from '@ser/models';
import { createRecognizerPool } from '@ser/models/node';
import { createAnalysisServer } from './server.js';

const HELP = `ser http-service: POST /analyze[?calibration=<id>] (audio/* body or multipart/form-data "file"),
POST /calibrations (calm speech, the same forms), DELETE /calibrations/<id>, GET /health

Options:
  --port <n>             port to listen on (default 8080; 0 = any free port)
  --host <addr>          address to bind (default 127.0.0.1)
  --model <dir>          model bundle directory (default: the pretrained default of @ser/models)
  --max-body-mb <n>      largest upload in MiB (default 20)
  --workers <n>          analysis worker threads, i.e. analyses at once (default 2)
  --max-queue <n>        analyses waiting before 503 (default 4)
  --timeout-ms <n>       analysis time limit before 504 (default 60000)
  --max-seconds <s>      longest recording accepted (default 600)
  --chunk-seconds <s>    analysis chunk length (default 2)
  --calibrated-model <dir>  speaker-calibrated bundle for calibrations (default: the calibrated default model
                         when --model is not given)
  --max-calibrations <n> calibrations kept; the least recently used goes first (default 1000)
  --calibration-ttl-minutes <m>  how long a calibration is kept after it is made (default 60)
`;

/** Parses a numeric option, failing with a message naming it. */
function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      model: { type: 'string' },
      'max-body-mb': { type: 'string' },
      workers: { type: 'string' },
      'max-seconds': { type: 'string' },
      'max-queue': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'chunk-seconds': { type: 'string' },
      'calibrated-model': { type: 'string' },
      'max-calibrations': { type: 'string' },
      'calibration-ttl-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const maxCalibrations = numberOption(
    'max-calibrations',
    values['max-calibrations'],
    DEFAULT_CALIBRATION_STORE_MAX_ENTRIES,
  );
  if (!Number.isInteger(maxCalibrations) || maxCalibrations < 1)
    throw new Error(`--max-calibrations must be an integer ≥ 1, got ${JSON.stringify(values['max-calibrations'])}`);
  const ttlMinutes = numberOption(
    'calibration-ttl-minutes',
    values['calibration-ttl-minutes'],
    DEFAULT_CALIBRATION_STORE_TTL_MS / 60_000,
  );
  if (!(ttlMinutes > 0))
    throw new Error(`--calibration-ttl-minutes must be > 0, got ${JSON.stringify(values['calibration-ttl-minutes'])}`);
  const calibrations = createCalibrationStore({ maxEntries: maxCalibrations, ttlMs: ttlMinutes * 60_000 });
  const pool = createRecognizerPool({
    ...(values.model === undefined ? {} : { modelDir: values.model }),
    ...(values['calibrated-model'] === undefined ? {} : { calibratedModelDir: values['calibrated-model'] }),
    workers: numberOption('workers', values.workers, 2),
    maxQueue: numberOption('max-queue', values['max-queue'], 4),
    timeoutMs: numberOption('timeout-ms', values['timeout-ms'], 60_000),
    maxSeconds: numberOption('max-seconds', values['max-seconds'], 600),
    chunkSeconds: numberOption('chunk-seconds', values['chunk-seconds'], 2),
  });
  const model = await pool.ready();
  const server = createAnalysisServer({
    pool,
    calibrations,
    maxBodyBytes: Math.round(numberOption('max-body-mb', values['max-body-mb'], 20) * 1024 * 1024),
  });
  const host = values.host ?? '127.0.0.1';
  server.listen(numberOption('port', values.port, 8080), host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : values.port;
    console.log(
      `listening on http://${host}:${port} (model ${values.model ?? 'pretrained default'}, backend ${model.backend}, labels ${model.labels.join(', ')})`,
    );
  });
  const stop = (): void => {
    server.close(() => void pool.close().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`http-service: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
