/** Finding external programs (sox `play`, ffplay, aplay, ffmpeg, yt-dlp) on PATH. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The full path of executable `name` on `env.PATH`, or `undefined` when there is none.
 * Only regular files with the execute bit count.
 */
export function findExecutable(name: string, env: Record<string, string | undefined>): string | undefined {
  const path = env.PATH ?? env.Path ?? '';
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
