/**
 * Whether a failed analysis is worth retrying (pure). At-least-once delivery retries a job with exponential
 * backoff; that helps only when the cause was outside the recording — I/O, the network, a crash — and
 * never when the recording itself is bad: undecodable audio fails the same way on every attempt, so it goes
 * to `failed` at once with its message.
 */
import { AudioFeaturesError, type AudioErrorCode } from '@ser/audio-features';
import { CliError, UsageError } from '@ser/cli';

/** `permanent`: fail the job now (never retried); `transient`: retry it with backoff. */
export type FailureKind = 'permanent' | 'transient';

/** @ser/audio-features codes that describe the audio itself (or its size), not the machine reading it. */
export const PERMANENT_AUDIO_CODES: ReadonlySet<AudioErrorCode> = new Set<AudioErrorCode>([
  'NOT_FOUND',
  'UNSUPPORTED_FORMAT',
  'UNSUPPORTED_CODEC',
  'CORRUPT_AUDIO',
  'TOO_LARGE',
  'EMPTY_AUDIO',
  'NON_FINITE_AUDIO',
  'INVALID_ARGUMENT',
]);

/** System error codes of I/O and network trouble that may pass (a retry can succeed). */
const TRANSIENT_SYSTEM_CODES = new Set([
  'EIO',
  'EAGAIN',
  'EBUSY',
  'EMFILE',
  'ENFILE',
  'ENOMEM',
  'ETIMEDOUT',
  'ESTALE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** HTTP statuses a server answers when it may succeed later. */
const TRANSIENT_HTTP = /server answered (408|425|429|5\d\d)\b/;

/** `error` and its causes, outermost first (bounded, in case of a cycle). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 16 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/**
 * Classifies a failure of `analyzeRecording`:
 * - a typed @ser/audio-features error about the audio (`UNSUPPORTED_FORMAT`, `CORRUPT_AUDIO`, `TOO_LARGE`, …)
 *   or `NOT_FOUND` (a wrong path fails the same way every time) anywhere in the cause chain: permanent;
 *   `FILE_NOT_READABLE`: transient (the disk, a network share);
 * - an I/O or network error (`EIO`, `ECONNRESET`, a fetch that failed or timed out), or an HTTP 408/429/5xx
 *   answer: transient;
 * - any other `CliError` — the command ran and judged the input (bad option, silent, too short, not audio
 *   even to ffmpeg, an HTTP 404): permanent;
 * - anything else (a crash, a bug, a worker thread that died): transient, so the job is tried again
 *   elsewhere up to its attempts.
 * @example
 * ```ts
 * if (failureKind(error) === 'permanent') throw new UnrecoverableError(message);
 * ```
 */
export function failureKind(error: unknown): FailureKind {
  const chain = causeChain(error);
  for (const link of chain) {
    if (!(link instanceof AudioFeaturesError)) continue;
    return PERMANENT_AUDIO_CODES.has(link.code) ? 'permanent' : 'transient';
  }
  if (chain.some(isTransientSystemError)) return 'transient';
  if (chain.some((link) => link instanceof Error && TRANSIENT_HTTP.test(link.message))) return 'transient';
  if (error instanceof UsageError || error instanceof CliError) return 'permanent';
  return 'transient';
}

function isTransientSystemError(link: unknown): boolean {
  if (!(link instanceof Error)) return false;
  const code = (link as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_SYSTEM_CODES.has(code)) return true;
  // fetch(): "fetch failed" (TypeError, cause = the socket error) and AbortSignal.timeout's TimeoutError.
  return link.name === 'TimeoutError' || (link.name === 'TypeError' && link.message === 'fetch failed');
}
