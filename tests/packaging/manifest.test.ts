/**
 * The package.json of every published package, as written in the repository (no build, no pack).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestProblems, type Manifest } from './manifest-rules.js';

const REPO = resolve(__dirname, '../..');
const read = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const root = read(join(REPO, 'package.json'));
const packages = readdirSync(join(REPO, 'packages'))
  .filter((d) => existsSync(join(REPO, 'packages', d, 'package.json')))
  .map((d) => ({ directory: `packages/${d}`, manifest: read(join(REPO, 'packages', d, 'package.json')) }));

describe('published package.json files', () => {
  it('finds the five packages', () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual(['@ser/audio-features', '@ser/cli', '@ser/datasets', '@ser/models', '@ser/text']);
  });

  it('each names the repository (with its directory), a homepage, where to report bugs and keywords', () => {
    expect(packages.flatMap((p) => manifestProblems(p.manifest, p.directory, root))).toEqual([]);
  });

  it('the rules catch a package without them', () => {
    const bare = { name: '@ser/bare', version: '0.1.0' };
    expect(manifestProblems(bare, 'packages/bare', root)).toHaveLength(5);
  });
});
