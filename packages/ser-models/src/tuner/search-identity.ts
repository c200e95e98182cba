/** A JSON value, as a search's identity is recorded in its log. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Everything that decides a search's results, by name (nested objects allowed). */
export type SearchIdentity = { [key: string]: JsonValue };

/** The leaves of a JSON object by dotted path (arrays are leaves). */
function leaves(value: JsonValue, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** A value for a message, at most 80 characters. */
function short(text: string | undefined): string {
  if (text === undefined) return '(none)';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * What differs between the identity a log recorded and the one of the search now asked for, one entry per
 * setting: `fingerprint.arch: "mlp" in the log, "ogCnn" now`. Empty when they are the same search.
 */
export function describeSearchDifferences(logged: SearchIdentity, current: SearchIdentity): string[] {
  const before = leaves(logged, '', new Map());
  const now = leaves(current, '', new Map());
  const differences: string[] = [];
  for (const key of [...new Set([...before.keys(), ...now.keys()])].sort()) {
    if (before.get(key) !== now.get(key))
      differences.push(`${key}: ${short(before.get(key))} in the log, ${short(now.get(key))} now`);
  }
  return differences;
}
