/**
 * Reading a request body with a size limit and a time limit.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** Limits of {@link readBody}. */
export interface ReadBodyOptions {
  /** Largest accepted body in bytes; more → 413. */
  maxBytes: number;
  /** Time allowed to receive the whole body in ms; longer → 408. */
  timeoutMs: number;
}

/**
 * Collects the body of `request`. Rejects with {@link HttpError} 413 as soon as the declared
 * `Content-Length` or the bytes received exceed `maxBytes` (without buffering the excess), and with 408
 * when the body has not arrived within `timeoutMs`.
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    return Promise.reject(tooLarge(declared, options.maxBytes));
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error: HttpError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      if (error) reject(error);
      else resolve(new Uint8Array(Buffer.concat(parts, received)));
    };
    const onData = (part: Buffer): void => {
      received += part.length;
      if (received > options.maxBytes) finish(tooLarge(received, options.maxBytes));
      else parts.push(part);
    };
    const onEnd = (): void => finish(null);
    const onError = (cause: Error): void =>
      finish(new HttpError(400, 'bad_request', `the upload failed: ${cause.message}`, { cause }));
    const timer = setTimeout(
      () =>
        finish(new HttpError(408, 'request_timeout', `the request body did not arrive within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function tooLarge(bytes: number, maxBytes: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `the upload is larger than the limit of ${maxBytes} bytes (got at least ${bytes})`,
  );
}
