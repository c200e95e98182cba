/**
 * What a test needs that a fresh machine may lack — a tool on PATH (sox, espeak-ng, ffmpeg, Chromium, SciPy, redis-server)
 * or data beside the repository (`../shared`: the corpora and librosa's reference values) — in one place.
 *
 * `needs(...)` gives the options of a `describe` or `it`: when something is missing the tests are skipped,
 * each carrying a one-line reason and how to enable it (printed at the end of the run by `skip-reporter.ts`);
 * under `CI=true` (CI installs the tools and has `../shared`) it throws instead, so CI never skips silently.
 *
 * @example
 * ```ts
 * describe('decoding against sox', needs('sox', 'espeak-ng'), () => { … });
 * ```
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestOptions } from 'vitest';

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * `../shared` beside the repository: the corpora (`datasets/`) and librosa's reference values (`golden/`).
 * `SER_SHARED_DIR` points elsewhere (e.g. `SER_SHARED_DIR=/nonexistent npm test` runs as without it).
 */
export const SHARED_DIR = resolve(REPO_ROOT, process.env.SER_SHARED_DIR ?? join('..', 'shared'));
/** The corpora: RAVDESS, TESS, originals, GoEmotions text (see its README). */
export const DATASETS_DIR = join(SHARED_DIR, 'datasets');
/** librosa's reference values. */
export const GOLDEN_DIR = join(SHARED_DIR, 'golden');

/** Something a test may need. */
export type Requirement =
  | 'sox'
  | 'espeak-ng'
  | 'ffmpeg'
  | 'ffplay'
  | 'chromium'
  | 'python3-scipy'
  | 'python3-numpy'
  | 'redis-server'
  | 'ravdess'
  | 'tess'
  | 'originals'
  | 'goemotions'
  | 'golden';

const APT = 'apt-get install';
const SHARED_HINT = 'put the data folder `shared` beside the repository (CI has it; see its README)';

/** Where each requirement is looked for and how to provide it. */
const CATALOGUE: Record<Requirement, { check: () => boolean; missing: string; enable: string }> = {
  sox: { check: () => onPath('sox'), missing: 'sox is not on PATH', enable: `${APT} sox libsox-fmt-all` },
  'espeak-ng': { check: () => onPath('espeak-ng'), missing: 'espeak-ng is not on PATH', enable: `${APT} espeak-ng` },
  ffmpeg: { check: () => onPath('ffmpeg'), missing: 'ffmpeg is not on PATH', enable: `${APT} ffmpeg` },
  ffplay: {
    check: () => onPath('ffplay'),
    missing: 'ffplay is not on PATH',
    enable: `${APT} ffmpeg (Debian's includes ffplay)`,
  },
  chromium: {
    check: () => chromiumPath() !== undefined,
    missing: 'no Chromium (chromium, chromium-browser or google-chrome on PATH, or CHROMIUM_PATH)',
    enable: `${APT} chromium, or set CHROMIUM_PATH`,
  },
  'python3-scipy': {
    check: () => pythonHas('scipy.signal'),
    missing: 'no Python 3 with SciPy (/usr/bin/python3 or python3 on PATH)',
    enable: `${APT} python3-scipy`,
  },
  'redis-server': {
    check: () => onPath('redis-server'),
    missing: 'redis-server is not on PATH',
    enable: `${APT} redis-server`,
  },
  'python3-numpy': {
    check: () => pythonHas('numpy'),
    missing: 'no Python 3 with NumPy (/usr/bin/python3 or python3 on PATH)',
    enable: `${APT} python3-numpy`,
  },
  ravdess: {
    check: () => isDir(DATASETS_DIR, 'ravdess'),
    missing: `no RAVDESS in ${join(DATASETS_DIR, 'ravdess')}`,
    enable: SHARED_HINT,
  },
  tess: {
    check: () => isDir(DATASETS_DIR, 'tess'),
    missing: `no TESS in ${join(DATASETS_DIR, 'tess')}`,
    enable: SHARED_HINT,
  },
  originals: {
    check: () => isDir(DATASETS_DIR, 'originals'),
    missing: `no original recordings in ${join(DATASETS_DIR, 'originals')}`,
    enable: SHARED_HINT,
  },
  goemotions: {
    check: () => isDir(DATASETS_DIR, 'text', 'goemotions'),
    missing: `no GoEmotions in ${join(DATASETS_DIR, 'text', 'goemotions')}`,
    enable: SHARED_HINT,
  },
  golden: {
    check: () => isDir(GOLDEN_DIR),
    missing: `no librosa reference values in ${GOLDEN_DIR}`,
    enable: SHARED_HINT,
  },
};

function isDir(...segments: string[]): boolean {
  const path = join(...segments);
  return existsSync(path) && statSync(path).isDirectory();
}

/** The executable `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function onPath(name: string): boolean {
  return findOnPath(name) !== undefined;
}

/** Chromium for the browser tests: `CHROMIUM_PATH`, else chromium / chromium-browser / google-chrome on PATH. */
export function chromiumPath(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return ['chromium', 'chromium-browser', 'google-chrome'].map(findOnPath).find((p) => p !== undefined);
}

const pythonModules = new Map<string, string | undefined>();

/**
 * A Python 3 that imports `module`: Debian's `/usr/bin/python3` first (where CI installs SciPy), else
 * `python3` on PATH; undefined when neither does.
 */
export function python3With(module: string): string | undefined {
  if (!pythonModules.has(module)) {
    const candidates = ['/usr/bin/python3', findOnPath('python3')].filter(
      (p): p is string => p !== undefined && existsSync(p),
    );
    pythonModules.set(
      module,
      candidates.find((python) => {
        try {
          execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 });
          return true;
        } catch {
          return false;
        }
      }),
    );
  }
  return pythonModules.get(module);
}

function pythonHas(module: string): boolean {
  return python3With(module) !== undefined;
}

const results = new Map<Requirement, boolean>();

/** Whether `requirement` is present on this machine (checked once per process). */
export function has(requirement: Requirement): boolean {
  let present = results.get(requirement);
  if (present === undefined) {
    present = CATALOGUE[requirement].check();
    results.set(requirement, present);
  }
  return present;
}

/** What a skipped test records in its `meta` (read by the skip reporter and kept in the JSON report). */
export interface SkipReason {
  /** One line per missing requirement: what is missing. */
  missing: string[];
  /** How to provide each of them (same order). */
  enable: string[];
}

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Set on tests skipped because something they need is missing (see `needs`). */
    skipped?: SkipReason;
  }
}

/** True when this run is CI's (`CI` set to anything but `false` or `0`). */
export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * Options for `describe(name, needs(...), fn)` / `it(name, needs(...), fn)`: nothing when every requirement
 * is present; otherwise `skip` with the reason in `meta.skipped`.
 * @throws Error under `CI=true` when something is missing (CI must run every test).
 */
export function needs(...requirements: Requirement[]): TestOptions {
  return skipOptions(requirements, has, isCi());
}

/** {@link needs} with the presence check and the CI flag given (pure; what `needs` does). */
export function skipOptions(
  requirements: readonly Requirement[],
  present: (requirement: Requirement) => boolean,
  ci: boolean,
): TestOptions {
  const absent = requirements.filter((r) => !present(r));
  if (absent.length === 0) return {};
  const reason: SkipReason = {
    missing: absent.map((r) => CATALOGUE[r].missing),
    enable: absent.map((r) => CATALOGUE[r].enable),
  };
  if (ci) {
    throw new Error(`CI=true, but these tests cannot run: ${reason.missing.join('; ')} (${reason.enable.join('; ')})`);
  }
  return { skip: true, meta: { skipped: reason } };
}
