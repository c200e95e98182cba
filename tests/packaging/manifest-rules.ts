/**
 * What every published package.json of this monorepo must say (pure): where its code lives, where to
 * report bugs, what to search it by.
 */

/** The fields the rules read; package.json values of unknown shape are checked at run time. */
export type Manifest = Record<string, unknown>;

/** The repository URL of a `repository` field (string or object form), or undefined. */
function repositoryUrl(manifest: Manifest): string | undefined {
  const repository = manifest.repository;
  if (typeof repository === 'string') return repository;
  if (repository && typeof repository === 'object') {
    const url = (repository as { url?: unknown }).url;
    return typeof url === 'string' ? url : undefined;
  }
  return undefined;
}

/**
 * Problems with one package's manifest (empty when it is fine): `directory` is the package's folder
 * relative to the repository root, `root` the root package.json (whose `repository` every package shares).
 */
export function manifestProblems(manifest: Manifest, directory: string, root: Manifest): string[] {
  const name = String(manifest.name);
  const problems: string[] = [];
  const url = repositoryUrl(root);
  if (!url) problems.push(`root package.json: no repository url`);
  if (repositoryUrl(manifest) !== url)
    problems.push(`${name}: repository.url is ${repositoryUrl(manifest)}, expected ${url}`);
  const repoDirectory = (manifest.repository as { directory?: unknown } | undefined)?.directory;
  if (repoDirectory !== directory)
    problems.push(`${name}: repository.directory is ${String(repoDirectory)}, expected ${directory}`);
  if (typeof manifest.homepage !== 'string' || !manifest.homepage.startsWith('https://'))
    problems.push(`${name}: no https homepage`);
  const bugs = manifest.bugs as { url?: unknown } | undefined;
  if (typeof bugs?.url !== 'string' || !bugs.url.startsWith('https://')) problems.push(`${name}: no bugs.url`);
  const keywords = manifest.keywords;
  if (
    !Array.isArray(keywords) ||
    keywords.length === 0 ||
    !keywords.every((k) => typeof k === 'string' && k === k.toLowerCase())
  ) {
    problems.push(`${name}: keywords must be a non-empty list of lower-case words`);
  }
  return problems;
}

/** The dependency fields whose `@ser/*` entries must be ranges. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Problems with the `@ser/*` dependencies of a package: a published package takes a caret range
 * (`^0.1.0`), so that a release of one package does not force a release of every dependent; a private
 * workspace (the examples), and any dependency on a private workspace (the test helpers), takes `*`, so
 * npm always links the local package. `privateNames` are the names of the private workspaces.
 */
export function internalDependencyProblems(
  manifest: Manifest,
  privateNames: ReadonlySet<string> = new Set(),
): string[] {
  const name = String(manifest.name);
  const problems: string[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const [dep, range] of Object.entries(deps)) {
      if (!dep.startsWith('@ser/')) continue;
      const wantsStar = manifest.private === true || privateNames.has(dep);
      const ok = wantsStar ? range === '*' : /^\^\d+\.\d+\.\d+$/.test(range);
      if (!ok) problems.push(`${name}: ${field}.${dep} is "${range}", expected ${wantsStar ? '"*"' : 'a caret range'}`);
    }
  }
  if (manifest.private === true && 'version' in manifest)
    problems.push(`${name}: private workspaces have no version (changesets must not release them)`);
  return problems;
}

/** Whether a module's source runs a call when it is imported: a statement `name(...)` at column 0. */
function callsOnImport(source: string): boolean {
  return /^(?!(?:export|import|const|let|var|function|class|if|for|return|await)\b)[A-Za-z_$][\w$.]*\(.*\);?\s*$/m.test(
    source,
  );
}

/**
 * Problems with the `sideEffects` field (empty when it is accurate): an entry point whose source
 * (`entrySources`: the entry's name, `index` or `node`, → its TypeScript source) runs a call on import — a
 * router or a plugin it registers — must have its built files (`./dist/<name>.js` and `.cjs`) listed,
 * or a bundler drops the import and the registration with it.
 */
export function sideEffectProblems(manifest: Manifest, entrySources: Readonly<Record<string, string>>): string[] {
  const declared = manifest.sideEffects;
  if (declared === true || declared === undefined) return [];
  const listed = new Set(Array.isArray(declared) ? declared.map(String) : []);
  const problems: string[] = [];
  for (const [name, source] of Object.entries(entrySources)) {
    if (!callsOnImport(source)) continue;
    for (const file of [`./dist/${name}.js`, `./dist/${name}.cjs`]) {
      if (!listed.has(file))
        problems.push(`${String(manifest.name)}: ${file} registers on import but sideEffects omits it`);
    }
  }
  return problems;
}
