/**
 * The HTTP service: `POST /analyze` and `GET /health`, on Node's `http` module.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError, type ModelBundle } from '@ser/models';
import { analyzeAudio } from './analyze-audio.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { HttpError } from './http-error.js';
import { readBody } from './read-body.js';
import { assertUploadContentType, extractUpload } from './upload.js';

/** Options of {@link createAnalysisServer}. */
export interface AnalysisServerOptions {
  /** The loaded model bundle. */
  bundle: ModelBundle;
  /** Largest accepted upload in bytes (default 20 MiB) → 413 beyond. */
  maxBodyBytes?: number;
  /** Analyses running at once (default 2). */
  maxConcurrent?: number;
  /** Analyses waiting for a slot (default 8); more → 503. */
  maxQueue?: number;
  /** Time to receive an upload, ms (default 30 000) → 408 beyond. */
  bodyTimeoutMs?: number;
  /** Time to analyse an upload once started, ms (default 30 000) → 504 beyond. */
  analysisTimeoutMs?: number;
  /** Chunk length in seconds (default 2). */
  chunkSeconds?: number;
  /** Called for unexpected (500) errors; default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Creates (does not start) the analysis server. Start it with `server.listen(port, '127.0.0.1')`.
 *
 * - `POST /analyze` with a raw `audio/*` body (optional `X-File-Name` header) or `multipart/form-data`
 *   with a `file` field → 200 `{ fileName, format, duration, labels, chunks: [{ start, end, label,
 *   probabilities }], summary }`.
 * - Errors are JSON `{ error: { status, code, message } }`: 400 malformed form, 404/405 routing, 408 slow
 *   upload, 413 too large, 415 wrong content type, 422 undecodable audio, 503 busy, 504 analysis timeout.
 * - `GET /health` → 200 `{ status: 'ok', labels, featureSet, running, queued, … }`.
 */
export function createAnalysisServer(options: AnalysisServerOptions): Server {
  const settings = {
    maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
    analysisTimeoutMs: options.analysisTimeoutMs ?? 30_000,
    chunkSeconds: options.chunkSeconds ?? 2,
  };
  const limit = new ConcurrencyLimit(options.maxConcurrent ?? 2, options.maxQueue ?? 8);
  const onError = options.onError ?? ((error: unknown) => console.error('analysis server error:', error));
  const started = Date.now();

  const health = () => ({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    labels: options.bundle.metadata.labels,
    featureSet: options.bundle.metadata.featureConfig.featureSet,
    sampleRate: options.bundle.metadata.featureConfig.sr,
    maxBodyBytes: settings.maxBodyBytes,
    ...limit.stats(),
  });

  const analyze = async (request: IncomingMessage): Promise<unknown> => {
    const contentType = request.headers['content-type'];
    assertUploadContentType(contentType);
    const body = await readBody(request, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
    const headerName = request.headers['x-file-name'];
    const upload = await extractUpload(body, contentType ?? '', typeof headerName === 'string' ? headerName : undefined);
    return limit.run(async () => {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new HttpError(504, 'analysis_timeout', `the analysis took longer than ${settings.analysisTimeoutMs} ms`)),
        settings.analysisTimeoutMs,
      );
      try {
        return await analyzeAudio(upload.bytes, upload.fileName, {
          bundle: options.bundle,
          chunkSeconds: settings.chunkSeconds,
          signal: controller.signal,
        });
      } finally {
        clearTimeout(timer);
      }
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const routes: Record<string, { method: string; run: () => Promise<unknown> }> = {
      '/health': { method: 'GET', run: async () => health() },
      '/analyze': { method: 'POST', run: () => analyze(request) },
    };
    const route = routes[path];
    try {
      if (!route) throw new HttpError(404, 'not_found', `no such endpoint ${path}: use POST /analyze or GET /health`);
      if (request.method !== route.method && !(route.method === 'GET' && request.method === 'HEAD')) {
        throw new HttpError(405, 'method_not_allowed', `${path} accepts ${route.method}, not ${request.method}`, { headers: { Allow: route.method } });
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
    return new HttpError(422, `undecodable_audio`, `the upload is not audio this service can decode (${error.code}): ${error.message}`, { cause: error });
  }
  if (error instanceof ModelError && error.code === 'INVALID_DATA') {
    return new HttpError(422, 'unusable_audio', error.message, { cause: error });
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
