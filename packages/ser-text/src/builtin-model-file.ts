/**
 * Where the built-in model's file is and how its bytes are read: from disk in Node, with `fetch`
 * elsewhere. This module sits directly in `src/` so that one relative URL (`../model/…`) finds the
 * package's `model/` folder both from the sources (`src/`) and from the build (`dist/`, flat).
 */
import { TextEmotionError } from './errors.js';

/** The file's name in the package's `model/` folder. */
export const BUILTIN_MODEL_FILE_NAME = 'builtin-text-model.bin';

/** Largest file accepted (the shipped one is 2.1 MB): a wrong URL must not make us buffer gigabytes. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The URL of the file shipped in the package: `file:` in Node; in a bundled web app, wherever the
 * bundler put it (Vite, webpack 5, Parcel and esbuild's `file` loader copy files referenced as
 * `new URL('…', import.meta.url)`), so the expression below must stay literal.
 */
export function packagedModelUrl(): URL {
  return new URL('../model/builtin-text-model.bin', import.meta.url);
}

/** Reads a `file:` URL with `node:fs` (imported through a non-literal specifier, so bundlers skip it). */
async function readFileUrl(url: URL): Promise<Uint8Array> {
  const specifier = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ specifier)) as typeof import('node:fs/promises');
  const { size } = await fs.stat(url);
  if (size > MAX_BYTES) throw new Error(`${size} bytes, more than the ${MAX_BYTES} a model file may have`);
  return new Uint8Array(await fs.readFile(url));
}

async function fetchUrl(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const length = Number(response.headers.get('content-length'));
  if (length > MAX_BYTES) throw new Error(`${length} bytes, more than the ${MAX_BYTES} a model file may have`);
  return new Uint8Array(await response.arrayBuffer());
}

/** What to name in messages: a file path for `file:` URLs, else the URL. */
export function describeUrl(url: URL): string {
  return url.protocol === 'file:' ? decodeURIComponent(url.pathname) : url.href;
}

/**
 * The bytes of the model file at `url` (`file:` read from disk, anything else fetched).
 * @throws {@link TextEmotionError} `MODEL_UNAVAILABLE` naming the file or URL, why, and what to do.
 */
export async function readModelBytes(url: URL): Promise<Uint8Array> {
  try {
    return url.protocol === 'file:' ? await readFileUrl(url) : await fetchUrl(url);
  } catch (cause) {
    const reason = (cause as { code?: string; message?: string }).code ?? (cause as Error).message;
    throw new TextEmotionError(
      'MODEL_UNAVAILABLE',
      `built-in text model: cannot read ${describeUrl(url)} (${reason}). It is @ser/text's ` +
        `model/${BUILTIN_MODEL_FILE_NAME}; reinstall the package, or serve that file and call ` +
        'loadBuiltinTextModel({ url }) (or pass { bytes }) before classifying',
      { cause },
    );
  }
}
