/**
 * The options a job carries: the `ser analyze` options that change its result, as they would be typed on its
 * command line. They are validated by `ser analyze` itself (one home for the CLI's options and their ranges).
 */

/** `ser analyze` options of one job (strings, exactly as given on a command line). */
export interface AnalysisOptions {
  /** `--chunk <seconds>`: chunk length (the CLI's default is 2). */
  chunk?: string;
  /** `--hop <seconds>`: distance between chunk starts (default: the chunk length). */
  hop?: string;
  /** `--model <dir>`: model bundle folder, as seen by the workers (default: the pretrained default). */
  model?: string;
}

/** The option names, in the fixed order used for hashing and command lines. */
export const ANALYSIS_OPTION_NAMES = ['chunk', 'hop', 'model'] as const;

/**
 * The options without unset entries, keys in {@link ANALYSIS_OPTION_NAMES} order (so equal options serialise
 * equally, whatever order they were given in).
 */
export function canonicalOptions(options: AnalysisOptions): AnalysisOptions {
  const out: AnalysisOptions = {};
  for (const name of ANALYSIS_OPTION_NAMES) {
    const value = options[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The `ser analyze` command-line arguments for `options`, e.g. `['--chunk', '3']`. */
export function analyzeArguments(options: AnalysisOptions): string[] {
  return Object.entries(canonicalOptions(options)).flatMap(([name, value]) => [`--${name}`, value as string]);
}
