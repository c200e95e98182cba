import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'ser-find-executable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file in `folder` with mode `mode`. */
function file(folder: string, name: string, mode: number): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const target = join(dir, folder, name);
  writeFileSync(target, '#!/bin/sh\n');
  chmodSync(target, mode);
  return target;
}

describe('findExecutable', () => {
  const plain = file('a', 'tool', 0o644); // not executable
  const first = file('b', 'tool', 0o755);
  const second = file('c', 'tool', 0o755);
  mkdirSync(join(dir, 'd', 'tool'), { recursive: true }); // a folder of that name
  const exe = file('w', 'tool.exe', 0o755);
  const searchPath = ['', join(dir, 'd'), join(dir, 'a'), join(dir, 'b'), join(dir, 'c')].join(':');

  it('returns the first executable regular file in search-path order', () => {
    expect(plain).not.toBe(first);
    expect(findExecutable('tool', searchPath, 'linux')).toBe(first);
    expect(findExecutable('tool', [join(dir, 'c'), join(dir, 'b')].join(':'), 'linux')).toBe(second);
    expect(findExecutable('missing', searchPath, 'linux')).toBeUndefined();
    expect(findExecutable('tool', '', 'linux')).toBeUndefined();
  });

  it('reads PATH, or Windows’ Path, from an environment', () => {
    expect(findExecutable('tool', { PATH: searchPath }, 'linux')).toBe(first);
    expect(findExecutable('tool', { Path: join(dir, 'w') }, 'win32')).toBe(exe);
    expect(findExecutable('tool', {}, 'linux')).toBeUndefined();
  });

  it('finds `name.exe` on Windows (";"-separated), never on other platforms', () => {
    expect(findExecutable('tool', `${join(dir, 'x')};${join(dir, 'w')}`, 'win32')).toBe(exe);
    expect(findExecutable('tool', join(dir, 'w'), 'linux')).toBeUndefined();
  });
});
