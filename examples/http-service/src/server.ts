/**
 * The HTTP service: `POST /analyze`, `POST /calibrations`, `DELETE /calibrations/<id>` and `GET /health`, on
 * Node's `http` module. Recordings are decoded, analysed and enrolled on the worker threads of a recognizer pool
 * (@ser/models/node), never on the thread that answers.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError, createCalibrationStore, type CalibrationStore, type SpeakerCalibration } from '@ser/models';
import type { PoolReservation, RecognizerPool } from '@ser/models/node';
import { HttpError } from './http-error.js';
import { readBody } from './read-body.js';
import { assertUploadContentType, extractUpload, type Upload } from './upload.js';

/** Options of {@link createAnalysisServer}. */
export interface AnalysisServerOptions {
  /**
   * The recognizer pool that decodes and analyses uploads (`createRecognizerPool` of @ser/models/node): its
   * workers, queue, decode budget and time limit are the service's.
   */
  pool: RecognizerPool;
  /** Largest accepted upload in bytes (default 20 MiB) → 413 beyond. */
  maxBodyBytes?: number;
  /** Time to receive an upload, ms (default 30 000) → 408 beyond. */
  bodyTimeoutMs?: number;
  /** Seconds a client is told to wait (`Retry-After`) when the pool is full (default 1). */
  retryAfterSeconds?: number;
  /**
   * Where `POST /calibrations` keeps speakers' calibrations (default `createCalibrationStore()` of @ser/models:
   * 1000 entries, least recently used evicted first, each for one hour).
   */
  calibrations?: CalibrationStore;
  /** Called for unexpected (500) errors; default `console.error`. */
  onError?: (error: unknown) => void;
}

/** A stored calibration as clients see it: the answer of `POST /calibrations` (201), and `calibration` of a calibrated analysis. */
export interface CalibrationInfo {
  /** The calibration's id (a random UUID): pass it as `POST /analyze?calibration=<id>`. */
  id: string;
  /** Seconds of speech the calibration rests on. */
  speechSeconds: number;
  /** Recordings enrolled (1: the upload). */
  recordings: number;
  /** When the service forgets it (ISO 8601), unless evicted earlier by newer calibrations. */
  expiresAt: string;
}

/** A route's answer: its status and JSON body (none for 204). */
interface Reply {
  status: number;
  body?: unknown;
}

/** The `/calibrations/<id>` path prefix. */
const CALIBRATION_PATH = '/calibrations/';

/** The ModelError codes of an enrollment the service could not use, answered 422 with the code as is. */
const ENROLLMENT_CODES = new Set([
  'ENROLLMENT_TOO_SHORT',
  'ENROLLMENT_SILENT',
  'ENROLLMENT_NOT_CALM',
  'INVALID_CALIBRATION',
]);

/**
 * Creates (does not start) the analysis server. Start it with `server.listen(port, '127.0.0.1')`.
 *
 * - `POST /analyze` with a raw `audio/*` body (optional `X-File-Name` header) or `multipart/form-data`
 *   with a `file` field → 200 with @ser/models' `analysisReport` — the JSON of `ser analyze --json`:
 *   `{ source, format, sampleRate, channels, duration, model, chunkSeconds, hopSeconds, silenceThresholdDbfs,
 *   calibrated, chunks: [{ start, end, silent, probabilities, label, confidence }], summary }`.
 *   `POST /analyze?calibration=<id>` analyses with that speaker's calibration (the pool's calibrated model) and adds
 *   `calibration: { id, speechSeconds, recordings, expiresAt }`; 404 for an unknown or expired id.
 * - `POST /calibrations` with calm speech, in the same upload forms → 201 {@link CalibrationInfo}; an enrollment
 *   the library refuses → 422 with its ModelError code in lower case (`enrollment_silent`, `enrollment_too_short`,
 *   `enrollment_not_calm`) and message; `?allowNotCalm=true` skips the calm check. Kept in the bounded
 *   `calibrations` store.
 * - `DELETE /calibrations/<id>` → 204, or 404 when unknown or expired.
 * - When every worker and queue place of the pool is taken, 503 with `Retry-After` — before the upload is read.
 * - Errors are JSON `{ error: { status, code, message } }`: 400 malformed form, 404/405 routing, 408 slow
 *   upload, 413 too large, 415 wrong content type, 422 undecodable or unusable audio, 501 no calibrated model,
 *   503 busy, 504 analysis timeout.
 * - `GET /health` → 200 `{ status: 'ok', labels, featureSet, sampleRate, running, queued, reserved, calibrations,
 *   maxCalibrations, … }`, answered at once whatever the workers are doing.
 */
export function createAnalysisServer(options: AnalysisServerOptions): Server {
  const { pool } = options;
  const settings = {
    maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
    retryAfter: String(options.retryAfterSeconds ?? 1),
  };
  const calibrations = options.calibrations ?? createCalibrationStore();
  const onError = options.onError ?? ((error: unknown) => console.error('analysis server error:', error));
  const started = Date.now();

  const health = async (): Promise<unknown> => {
    const model = await pool.ready();
    return {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      labels: model.labels,
      featureSet: model.featureSet,
      sampleRate: model.sampleRate,
      maxBodyBytes: settings.maxBodyBytes,
      calibrations: calibrations.size,
      maxCalibrations: calibrations.maxEntries,
      ...pool.stats(),
    };
  };

  /**
   * Takes a pool place (503 at once when there is none), reads the upload and runs `work` on it; the place is
   * freed whatever happens.
   */
  const withUpload = async <T>(
    request: IncomingMessage,
    work: (place: PoolReservation, upload: Upload) => Promise<T>,
  ): Promise<T> => {
    const contentType = request.headers['content-type'];
    assertUploadContentType(contentType);
    const place = pool.reserve();
    if (place === null) {
      const { running, queued, reserved } = pool.stats();
      throw new HttpError(
        503,
        'busy',
        `the service is busy (${running} analyses running, ${queued + reserved} waiting): retry shortly`,
        {
          headers: { 'Retry-After': settings.retryAfter },
        },
      );
    }
    try {
      const body = await readBody(request, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
      const headerName = request.headers['x-file-name'];
      return await work(
        place,
        await extractUpload(body, contentType ?? '', typeof headerName === 'string' ? headerName : undefined),
      );
    } finally {
      place.release();
    }
  };

  /** The stored calibration `id` names, or 404 naming it. */
  const storedCalibration = (id: string): { calibration: SpeakerCalibration; used: CalibrationInfo } => {
    const calibration = calibrations.get(id);
    const expiresAt = calibrations.expiresAt(id);
    if (calibration === undefined || expiresAt === undefined) {
      throw new HttpError(
        404,
        'unknown_calibration',
        `no calibration ${JSON.stringify(id)}: it never existed, expired or was dropped for newer ones; make one with POST /calibrations`,
      );
    }
    return { calibration, used: calibrationInfo(id, calibration, expiresAt) };
  };

  const analyze = async (request: IncomingMessage, url: URL): Promise<Reply> => {
    const id = url.searchParams.get('calibration');
    if (id === '')
      throw new HttpError(
        400,
        'bad_request',
        'the calibration parameter is empty: give the id POST /calibrations answered',
      );
    // Looked up before the upload is read: an unknown id is refused at once.
    const stored = id === null ? undefined : storedCalibration(id);
    const report = await withUpload(request, (place, upload) =>
      place.analyze(upload.bytes, upload.fileName, stored === undefined ? {} : { calibration: stored.calibration }),
    );
    return { status: 200, body: stored === undefined ? report : { ...report, calibration: stored.used } };
  };

  const createCalibration = async (request: IncomingMessage, url: URL): Promise<Reply> => {
    const allow = url.searchParams.get('allowNotCalm');
    if (allow !== null && allow !== 'true' && allow !== 'false') {
      throw new HttpError(400, 'bad_request', `allowNotCalm must be true or false, got ${JSON.stringify(allow)}`);
    }
    const calibration = await withUpload(request, (place, upload) =>
      place.calibrate(upload.bytes, upload.fileName, { allowNotCalm: allow === 'true' }),
    );
    const id = randomUUID();
    const { expiresAt } = calibrations.set(id, calibration);
    return { status: 201, body: calibrationInfo(id, calibration, expiresAt) };
  };

  const deleteCalibration = async (id: string): Promise<Reply> => {
    if (!calibrations.delete(id))
      throw new HttpError(
        404,
        'unknown_calibration',
        `no calibration ${JSON.stringify(id)} to delete (unknown or expired)`,
      );
    return { status: 204 };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const routes: Record<string, { method: string; run: () => Promise<Reply> } | undefined> = {
      '/health': { method: 'GET', run: async () => ({ status: 200, body: await health() }) },
      '/analyze': { method: 'POST', run: () => analyze(request, url) },
      '/calibrations': { method: 'POST', run: () => createCalibration(request, url) },
    };
    const calibrationId = path.startsWith(CALIBRATION_PATH) ? path.slice(CALIBRATION_PATH.length) : '';
    const route =
      calibrationId !== '' ? { method: 'DELETE', run: () => deleteCalibration(calibrationId) } : routes[path];
    try {
      if (!route)
        throw new HttpError(
          404,
          'not_found',
          `no such endpoint ${path}: use POST /analyze, POST /calibrations, DELETE /calibrations/<id> or GET /health`,
        );
      if (request.method !== route.method && !(route.method === 'GET' && request.method === 'HEAD')) {
        throw new HttpError(
          405,
          'method_not_allowed',
          `${path} accepts ${route.method}, not ${request.method ?? '(none)'}`,
          { headers: { Allow: route.method } },
        );
      }
      const reply = await route.run();
      if (reply.status === 204) sendEmpty(response);
      else sendJson(response, reply.status, reply.body);
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.code === 'internal_error') onError(error);
      const requestUnread = !request.complete;
      sendJson(
        response,
        httpError.status,
        { error: { status: httpError.status, code: httpError.code, message: httpError.message } },
        {
          ...httpError.headers,
          ...(requestUnread ? { Connection: 'close' } : {}),
        },
      );
      // Drain what the client is still sending so it can read the answer; the connection closes afterwards.
      if (requestUnread) request.resume();
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  server.headersTimeout = Math.min(settings.bodyTimeoutMs, 60_000);
  return server;
}

/** Maps any thrown value to the HTTP error the client sees. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof AudioFeaturesError) {
    return new HttpError(
      422,
      'undecodable_audio',
      `the upload is not audio this service can decode (${error.code}): ${error.message}`,
      { cause: error },
    );
  }
  if (error instanceof ModelError && (error.code === 'INVALID_DATA' || error.code === 'WORKER_FAILED')) {
    return new HttpError(422, 'unusable_audio', error.message, { cause: error });
  }
  if (error instanceof ModelError && error.code === 'ABORTED') {
    return new HttpError(504, 'analysis_timeout', error.message, { cause: error });
  }
  if (error instanceof ModelError && ENROLLMENT_CODES.has(error.code))
    return new HttpError(422, error.code.toLowerCase(), error.message, { cause: error });
  if (error instanceof ModelError && error.code === 'INCOMPATIBLE_CALIBRATION') {
    return new HttpError(501, 'calibration_unavailable', `this service cannot calibrate: ${error.message}`, {
      cause: error,
    });
  }
  return new HttpError(500, 'internal_error', 'the analysis failed unexpectedly', { cause: error });
}

/** The public description of a stored calibration. */
function calibrationInfo(id: string, calibration: SpeakerCalibration, expiresAt: number): CalibrationInfo {
  return {
    id,
    speechSeconds: calibration.speechSeconds,
    recordings: calibration.recordings,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

function sendEmpty(response: ServerResponse): void {
  response.writeHead(204, { 'Cache-Control': 'no-store' });
  response.end();
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}
