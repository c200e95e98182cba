import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBuiltScript } from '../src/node.js';

let root: string;

beforeAll(() => {
  // a package as it is on disk: package.json, sources two folders deep, an ESM and a CJS worker in dist/
  root = mkdtempSync(join(tmpdir(), 'ser-core-built-script-'));
  mkdirSync(join(root, 'src', 'extract'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'package.json'), '{}');
  for (const file of ['dist/work.js', 'dist/work.cjs', 'dist/index.js', 'dist/index.cjs'])
    writeFileSync(join(root, file), '');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findBuiltScript', () => {
  it('finds the .js worker beside the ESM build and the .cjs one beside the CJS build', () => {
    expect(findBuiltScript('work', pathToFileURL(join(root, 'dist', 'index.js')).href)).toEqual({
      path: join(root, 'dist', 'work.js'),
      candidates: [join(root, 'dist', 'work.js')],
      fromSource: false,
    });
    expect(findBuiltScript('work', join(root, 'dist', 'index.cjs')).path).toBe(join(root, 'dist', 'work.cjs'));
  });

  it("from a TypeScript source at any depth, finds the package's dist/ build", () => {
    const location = findBuiltScript('work', pathToFileURL(join(root, 'src', 'extract', 'worker-script.ts')).href);
    expect(location).toEqual({
      path: join(root, 'dist', 'work.js'),
      candidates: [join(root, 'dist', 'work.js')],
      fromSource: true,
    });
  });

  it('says where it looked when the script is not built', () => {
    const location = findBuiltScript('missing-worker', pathToFileURL(join(root, 'dist', 'index.js')).href);
    expect(location.path).toBeUndefined();
    expect(location.candidates).toEqual([join(root, 'dist', 'missing-worker.js')]);
  });
});
