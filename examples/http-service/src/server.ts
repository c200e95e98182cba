/**
 * The HTTP service: `POST /analyze` and `GET /health`, on Node's `http` module. Recordings are decoded and
 * analysed on the worker threads of a recognizer pool (@ser/models/node), never on the thread that answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError } from '@ser/models';
import type { RecognizerPool } from '@ser/models/node';
import { HttpError } from './http-error.js';
import { readBody } from './read-body.js';
import { assertUploadContentType, extractUpload } from './upload.js';

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
  /** Called for unexpected (500) errors; default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Creates (does not start) the analysis server. Start it with `server.listen(port, '127.0.0.1')`.
 *
 * - `POST /analyze` with a raw `audio/*` body (optional `X-File-Name` header) or `multipart/form-data`
 *   with a `file` field → 200 with @ser/models' `analysisReport` — the JSON of `ser analyze --json`:
 *   `{ source, format, sampleRate, channels, duration, model, chunkSeconds, hopSeconds, silenceThresholdDbfs,
 *   chunks: [{ start, end, silent, probabilities, label, confidence }], summary }`.
 * - When every worker and queue place of the pool is taken, 503 with `Retry-After` — before the upload is read.
 * - Errors are JSON `{ error: { status, code, message } }`: 400 malformed form, 404/405 routing, 408 slow
 *   upload, 413 too large, 415 wrong content type, 422 undecodable or unusable audio, 503 busy, 504 analysis
 *   timeout.
 * - `GET /health` → 200 `{ status: 'ok', labels, featureSet, sampleRate, running, queued, reserved, … }`,
 *   answered at once whatever the workers are doing.
 */
export function createAnalysisServer(options: AnalysisServerOptions): Server {
  const { pool } = options;
  const settings = {
    maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
    retryAfter: String(options.retryAfterSeconds ?? 1),
  };
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
      ...pool.stats(),
    };
  };

  const analyze = async (request: IncomingMessage): Promise<unknown> => {
    const contentType = request.headers['content-type'];
    assertUploadContentType(contentType);
    const place = pool.reserve();
    if (place === null) {
      const { running, queued, reserved } = pool.stats();
      throw new HttpError(503, 'busy', `the service is busy (${running} analyses running, ${queued + reserved} waiting): retry shortly`, {
        headers: { 'Retry-After': settings.retryAfter },
      });
    }
    try {
      const body = await readBody(request, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
      const headerName = request.headers['x-file-name'];
      const upload = await extractUpload(body, contentType ?? '', typeof headerName === 'string' ? headerName : undefined);
      return await place.analyze(upload.bytes, upload.fileName);
    } finally {
      place.release();
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const routes: Record<string, { method: string; run: () => Promise<unknown> } | undefined> = {
      '/health': { method: 'GET', run: health },
      '/analyze': { method: 'POST', run: () => analyze(request) },
    };
    const route = routes[path];
    try {
      if (!route) throw new HttpError(404, 'not_found', `no such endpoint ${path}: use POST /analyze or GET /health`);
      if (request.method !== route.method && !(route.method === 'GET' && request.method === 'HEAD')) {
        throw new HttpError(405, 'method_not_allowed', `${path} accepts ${route.method}, not ${request.method ?? '(none)'}`, { headers: { Allow: route.method } });
      }
      sendJson(response, 200, await route.run());
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500 && httpError.status !== 503 && httpError.status !== 504) onError(error);
      const requestUnread = !request.complete;
      sendJson(response, httpError.status, { error: { status: httpError.status, code: httpError.code, message: httpError.message } }, {
        ...httpError.headers,
        ...(requestUnread ? { Connection: 'close' } : {}),
      });
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
    return new HttpError(422, 'undecodable_audio', `the upload is not audio this service can decode (${error.code}): ${error.message}`, { cause: error });
  }
  if (error instanceof ModelError && (error.code === 'INVALID_DATA' || error.code === 'WORKER_FAILED')) {
    return new HttpError(422, 'unusable_audio', error.message, { cause: error });
  }
  if (error instanceof ModelError && error.code === 'ABORTED') {
    return new HttpError(504, 'analysis_timeout', error.message, { cause: error });
  }
  return new HttpError(500, 'internal_error', 'the analysis failed unexpectedly', { cause: error });
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
