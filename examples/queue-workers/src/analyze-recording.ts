/**
 * THE switch point to the recording pipeline: every analysis the workers run goes through
 * {@link analyzeRecording}, and nothing else in this app knows how a recording is analysed.
 *
 * Today it runs `ser analyze <input> --json [options]` in-process: the `analyze` command of @ser/cli, the very
 * code the `ser` binary runs, so a job's result is what `ser analyze --json` prints, by construction (the
 * chunking and summary code is not copied here). It calls the command that `runCli(['analyze', …], io)`
 * dispatches to, with the options parsed by the command's own declarations (`parseCommandLine`, as `runCli`
 * parses them), rather than `runCli` itself: `runCli` catches the
 * command's error and prints it, and a worker needs the error object — its `cause` chain holds the typed
 * `AudioFeaturesError` whose `code` decides between "retry" and "fail now" (see `failure-kind.ts`).
 *
 * When `createRecognizer` lands in @ser/models (the library pipeline the CLI is moving to), this module is
 * the one to change: create the recognizer once per worker thread and return its JSON report here.
 *
 * Model loading: the `analyze` command loads the bundle for each call (`loadEmotionModel`, no cache) and
 * disposes it afterwards; the TensorFlow.js backend and the wasm decoders are initialised once per thread
 * (module-level caches in @ser/cli and @ser/audio-features). The per-call load is reported in the result's
 * `timing.modelLoadMs`.
 */
import { findCommand, parseCommandLine, type CliIo, type OutputStream } from '@ser/cli';
import { analyzeArguments, type AnalysisOptions } from './analysis-options.js';

/** How much of the command's stderr (progress lines) is kept for an error message. */
const STDERR_KEEP = 4000;

/** A text stream that keeps what was written to it (up to `limit` characters, the end kept). */
class CapturedStream implements OutputStream {
  text = '';
  readonly isTTY = false;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  write(chunk: string): boolean {
    this.text += chunk;
    if (this.text.length > this.limit) this.text = this.text.slice(-this.limit);
    return true;
  }
}

/**
 * Analyses one recording as `ser analyze <input> --json [options]` does.
 * @param input an absolute path or an http(s) URL
 * @param options `--chunk`, `--hop`, `--model` (validated by the command: a bad value is a `UsageError`)
 * @param env environment of the command (PATH finds ffmpeg and yt-dlp); default `process.env`
 * @returns the JSON text the command prints on stdout (its `AnalysisReport`, pretty-printed, newline-ended)
 * @throws the command's own error (`CliError` from @ser/cli, with the typed cause) when the analysis fails
 * @example
 * ```ts
 * const json = await analyzeRecording('/archive/2024/call-0001.flac', { chunk: '3' });
 * const report = JSON.parse(json); // report.summary.label, report.summary.probabilities, report.chunks…
 * ```
 */
export async function analyzeRecording(
  input: string,
  options: AnalysisOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const analyze = findCommand('analyze');
  if (!analyze) throw new Error('@ser/cli has no `analyze` command');
  const stdout = new CapturedStream();
  const stderr = new CapturedStream(STDERR_KEEP);
  const io: CliIo = { stdout, stderr, env, cwd: process.cwd() };
  const parsed = parseCommandLine(analyze, [input, ...analyzeArguments(options), '--json']);
  const code = await analyze.run({ positionals: parsed.positionals, options: parsed.options, given: parsed.given, io });
  if (code !== 0)
    throw new Error(`ser analyze ${input} exited with code ${code}: ${stderr.text.trim() || 'no message'}`);
  return stdout.text;
}
