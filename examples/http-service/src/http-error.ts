/**
 * The service's error type: an HTTP status and a message for the client.
 */

/** An error the server answers with `status` and a JSON body `{ error: { status, code, message } }`. */
export class HttpError extends Error {
  /** HTTP status code (4xx or 5xx). */
  readonly status: number;
  /** Short machine-readable reason, e.g. `payload_too_large`. */
  readonly code: string;
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
  }
}
