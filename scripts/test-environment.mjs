#!/usr/bin/env node
// @ts-check
/**
 * A fingerprint of what the tests find on this machine besides the repository — the programs on PATH, the
 * Python modules Debian installs, `../shared` (two levels of names and modification times) and the
 * variables the tests read (`CI`, `CHROMIUM_PATH`, `SER_SHARED_DIR`). nx hashes it into every `test`
 * target (a runtime input in nx.json), so installing sox or adding ../shared re-runs the tests that were
 * skipped for want of them, instead of replaying the cached skips. Deliberately broad: no list of tools
 * to keep in step with tests/support/requirements.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, process.env.SER_SHARED_DIR ?? join('..', 'shared'));

/** @param {string} dir @returns {string[]} */
function names(dir) {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** @param {string} dir @param {number} depth @returns {string[]} */
function tree(dir, depth) {
  return names(dir).flatMap((name) => {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return [];
    }
    const line = `${path} ${Math.round(stat.mtimeMs)}`;
    return stat.isDirectory() && depth > 1 ? [line, ...tree(path, depth - 1)] : [line];
  });
}

const hash = createHash('sha256');
for (const name of ['CI', 'CHROMIUM_PATH', 'SER_SHARED_DIR']) hash.update(`${name}=${process.env[name] ?? ''}\n`);
for (const dir of (process.env.PATH ?? '').split(delimiter)) hash.update(`${dir}: ${names(dir).join(' ')}\n`);
hash.update(`dist-packages: ${names('/usr/lib/python3/dist-packages').join(' ')}\n`);
hash.update(tree(SHARED, 2).join('\n'));
console.log(hash.digest('hex'));
