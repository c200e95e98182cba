/**
 * What a published tarball of this monorepo must and must not contain (pure).
 */

/** One package's `npm pack --json` result, as far as the checks use it. */
export interface PackResult {
  name: string;
  filename: string;
  /** Bytes of all files once unpacked. */
  unpackedSize?: number;
  files: Array<{ path: string; size?: number }>;
}

/** Files no tarball may contain: dataset audio, feature dumps, tests and test data. */
export const FORBIDDEN: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /\.npy$/i, why: 'feature dump (.npy)' },
  {
    pattern: /\.(wav|flac|mp3|ogg|oga|opus|aiff?|m4a|webm)$/i,
    why: 'audio file (dataset audio must not be published)',
  },
  { pattern: /(^|\/)(test|tests|__tests__|fixtures|test-output)\//, why: 'test folder' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, why: 'test file' },
  { pattern: /^src\//, why: 'source folder (only dist is published)' },
  { pattern: /(^|\/)(\.tmp|tmp|coverage|node_modules)\//, why: 'scratch or dependency folder' },
  { pattern: /\.tsbuildinfo$/, why: 'build cache' },
];

/** Files every tarball must contain. */
export const REQUIRED = ['package.json', 'README.md', 'LICENSE'];

/** Every file a package.json `exports`/`main`/`module`/`types`/`bin` field points to. */
export function exportedFiles(manifest: Record<string, unknown>): string[] {
  const targets = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) targets.add(value.slice(2));
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(manifest.exports);
  for (const field of ['main', 'module', 'types']) {
    const value = manifest[field];
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
  }
  const bin = manifest.bin;
  if (typeof bin === 'string') targets.add(bin.replace(/^\.\//, ''));
  else if (bin && typeof bin === 'object')
    Object.values(bin).forEach((b) => targets.add(String(b).replace(/^\.\//, '')));
  return [...targets].sort();
}

/** Problems with a tarball's file list (empty when it is fine). */
export function tarballProblems(
  pack: PackResult,
  manifest: Record<string, unknown>,
  extraRequired: string[] = [],
): string[] {
  const paths = pack.files.map((f) => f.path);
  const present = new Set(paths);
  const problems: string[] = [];
  for (const file of [...REQUIRED, ...extraRequired])
    if (!present.has(file)) problems.push(`${pack.name}: missing ${file}`);
  if (!paths.some((p) => p.startsWith('dist/'))) problems.push(`${pack.name}: no dist/ files (was it built?)`);
  for (const file of exportedFiles(manifest)) {
    if (file !== 'package.json' && !present.has(file))
      problems.push(`${pack.name}: package.json points to ${file}, which is not in the tarball`);
  }
  for (const path of paths) {
    const rule = FORBIDDEN.find((r) => r.pattern.test(path));
    if (rule) problems.push(`${pack.name}: ${path} must not be published (${rule.why})`);
  }
  return problems;
}
