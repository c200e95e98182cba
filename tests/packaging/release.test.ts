/**
 * What `npm run release` would version: `changeset version` run on a copy of the manifests and the
 * pending changesets (nothing is published, the repository is not touched).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
type Manifest = { name: string; version?: string; private?: boolean } & Record<string, unknown>;

/** The root manifest and every workspace's (the root's `workspaces`: folders and `folder/*` globs). */
const workspaceGlobs = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const manifestFiles = [
  'package.json',
  ...workspaceGlobs
    .flatMap((glob) =>
      glob.endsWith('/*')
        ? readdirSync(join(REPO, glob.slice(0, -2))).map((d) => `${glob.slice(0, -2)}/${d}/package.json`)
        : [`${glob}/package.json`],
    )
    .filter((f) => existsSync(join(REPO, f))),
];
const read = (base: string, file: string): Manifest => JSON.parse(readFileSync(join(base, file), 'utf8')) as Manifest;
const before = new Map(manifestFiles.map((f) => [f, read(REPO, f)]));

let copy: string;
let after: Map<string, Manifest>;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'ser-release-'));
  for (const file of manifestFiles) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(REPO, file), join(copy, file));
  }
  cpSync(join(REPO, '.changeset'), join(copy, '.changeset'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  execFileSync(process.execPath, [join(REPO, 'node_modules/@changesets/cli/bin.js'), 'version'], {
    cwd: copy,
    stdio: 'pipe',
  });
  after = new Map(manifestFiles.map((f) => [f, read(copy, f)]));
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('changeset version', () => {
  it('releases an unreleased package (0.0.0) as 0.1.0', () => {
    const unreleased = [...before].filter(([, m]) => !m.private && m.version === '0.0.0');
    for (const [file] of unreleased) expect(after.get(file)!.version, file).toBe('0.1.0');
  });

  it('never versions the private examples nor writes their CHANGELOG', () => {
    for (const [file, manifest] of before) {
      if (!manifest.private) continue;
      expect(after.get(file), file).toEqual(manifest);
      // Not even reformatted (changesets rewrites a manifest it visits as JSON.stringify(…, null, 2)).
      expect(readFileSync(join(copy, file), 'utf8'), file).toBe(readFileSync(join(REPO, file), 'utf8'));
      expect(existsSync(join(copy, dirname(file), 'CHANGELOG.md')), file).toBe(false);
    }
  });

  it('keeps every internal dependency range satisfied by the new versions', () => {
    const versions = new Map([...after.values()].map((m) => [m.name, m.version]));
    const problems: string[] = [];
    for (const manifest of after.values()) {
      for (const [dep, range] of Object.entries((manifest.dependencies ?? {}) as Record<string, string>)) {
        if (!dep.startsWith('@ser/') || range === '*') continue;
        if (range !== `^${versions.get(dep)}`)
          problems.push(`${manifest.name}: ${dep} ${range}, released ${versions.get(dep)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
