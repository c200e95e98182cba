/**
 * Finding an external program on PATH (ffmpeg, sox `rec`/`play`, arecord, yt-dlp): the one implementation
 * that @ser/text (microphone recorders) and @ser/cli (decoders, players, downloaders) share.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Suffixes tried after a command name: Windows runs `ffmpeg` as `ffmpeg.exe` (or a .cmd/.bat script). */
function executableSuffixes(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
}

/**
 * The full path of the executable `command` on a search path, or `undefined` when there is none. Only
 * regular files that may be executed count; on Windows `.exe`, `.cmd` and `.bat` are tried first.
 *
 * @param command - The program's name, without a suffix (`ffmpeg`).
 * @param searchPath - A PATH-style list of folders, or an environment whose `PATH` (or Windows' `Path`) is
 *   used. Default: this process's PATH.
 * @param platform - Whose naming rules apply (default: this process's platform).
 * @returns the first match in search-path order, e.g. `/usr/bin/ffmpeg`.
 *
 * @example
 * ```ts
 * import { findExecutable } from '@ser/audio-features/node';
 * const ffmpeg = findExecutable('ffmpeg'); // '/usr/bin/ffmpeg' or undefined
 * ```
 */
export function findExecutable(
  command: string,
  searchPath: string | Readonly<Record<string, string | undefined>> = process.env.PATH ?? '',
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const list = typeof searchPath === 'string' ? searchPath : (searchPath.PATH ?? searchPath.Path ?? '');
  const delimiter = platform === 'win32' ? ';' : ':';
  for (const dir of list.split(delimiter)) {
    if (dir === '') continue;
    for (const suffix of executableSuffixes(platform)) {
      const candidate = path.join(dir, command + suffix);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
