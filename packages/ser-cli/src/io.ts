/** The streams and environment a command runs with (the real process, or test doubles). */

/** A writable text stream, with the TTY facts the UI needs. */
export interface OutputStream {
  write(chunk: string): boolean;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
  /** The terminal width, when it is a terminal. */
  columns?: number;
}

/** What a command may touch of the outside world. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment variables (PATH is used to find sox, ffmpeg, yt-dlp, …). */
  env: Record<string, string | undefined>;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
