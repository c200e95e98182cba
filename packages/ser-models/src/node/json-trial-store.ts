import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ModelError } from '../errors.js';
import type { TrialStore, TunerLog } from '../tuner/trial-log.js';

/**
 * A tuner log kept in a JSON file: rewritten (atomically, via a temporary file) after every trial,
 * read back to resume an interrupted search.
 */
export function jsonTrialStore(file: string): TrialStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ModelError('FILE_NOT_READABLE', `cannot read the tuner log: ${(cause as Error).message}`, {
          file,
          cause,
        });
      }
      try {
        const log = JSON.parse(text) as TunerLog;
        if (!log || typeof log !== 'object' || !Array.isArray(log.trials) || typeof log.tuner !== 'string')
          throw new Error('no tuner name or trials');
        return log;
      } catch (cause) {
        throw new ModelError('INVALID_DATA', `is not a tuner log: ${(cause as Error).message}`, { file, cause });
      }
    },
    async save(log) {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      await writeFile(temporary, `${JSON.stringify(log, null, 2)}\n`);
      await rename(temporary, file);
    },
  };
}
