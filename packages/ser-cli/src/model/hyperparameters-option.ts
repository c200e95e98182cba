/** Reading `--hparams`: a JSON object of hyperparameters, or a tuner log whose best trial is used. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Hyperparameters by name. */
export type HyperparameterValues = Record<string, number>;

/** What `--hparams` gave. */
export interface HyperparametersOption {
  values: HyperparameterValues;
  /** Where they came from, for messages. */
  source: string;
  /** The architecture a tuner log was searched for, when it records one. */
  arch?: string;
  /** The hyperparameter names a tuner log searched. */
  searched?: string[];
}

/**
 * Parses `value`: inline JSON (`{"units_0":128}`), or a file holding such an object or a tuner log
 * (`ser tune --log`), from which the best trial's setting is taken (highest score, then more epochs).
 * @returns the hyperparameters, where they came from, and for a tuner log what it searched
 * @throws UsageError for unreadable JSON or non-numeric values
 */
export function readHyperparameters(value: string, cwd: string): HyperparametersOption {
  const path = resolve(cwd, value);
  const fromFile = !value.trim().startsWith('{') && existsSync(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromFile ? readFileSync(path, 'utf8') : value);
  } catch (error) {
    throw new UsageError(`--hparams: ${fromFile ? path : 'the value'} is not JSON (${(error as Error).message})`, {
      hint: 'give a JSON object such as {"units_0":128,"dropout_1":0.2}, or the log file written by `ser tune --log`',
    });
  }
  let values: unknown = parsed;
  let source = fromFile ? path : 'inline JSON';
  let arch: string | undefined;
  let searched: string[] | undefined;
  const log = parsed as { trials?: unknown; space?: unknown; search?: { fingerprint?: { arch?: unknown } } };
  const trials = log?.trials;
  if (Array.isArray(trials)) {
    if (typeof log.search?.fingerprint?.arch === 'string') arch = log.search.fingerprint.arch;
    if (Array.isArray(log.space)) searched = (log.space as { name?: unknown }[]).map((spec) => String(spec?.name));
    const best = [...(trials as { trialId: string; score: number; epochs: number; hyperparameters: unknown }[])].sort(
      (a, b) => b.score - a.score || b.epochs - a.epochs,
    )[0];
    if (!best) throw new UsageError(`--hparams: the tuner log ${path} has no finished trial yet`);
    values = best.hyperparameters;
    source = `best trial ${best.trialId} of ${path}`;
  }
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new UsageError('--hparams must be a JSON object of numbers or a tuner log');
  }
  for (const [key, v] of Object.entries(values as Record<string, unknown>)) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new UsageError(`--hparams: ${key} must be a number, got ${JSON.stringify(v)}`);
  }
  return {
    values: values as HyperparameterValues,
    source,
    ...(arch ? { arch } : {}),
    ...(searched ? { searched } : {}),
  };
}
