/** Orders strings by UTF-16 code units (locale-independent, deterministic). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
