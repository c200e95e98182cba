/**
 * Runs a synchronous decoder call with `console.error` and `console.warn` captured instead of printed: the
 * WebAssembly decoder packages print one line per bad frame, and a corrupt stream must become one typed error,
 * not a screenful of stderr. Only synchronous calls are wrapped, so no other code can log meanwhile.
 *
 * @returns the call's result and the lines it tried to print
 */
export function withConsoleCaptured<T>(call: () => T): { result: T; printed: string[] } {
  const printed: string[] = [];
  const { error, warn } = console;
  const capture = (...args: unknown[]) => {
    printed.push(args.map(String).join(' '));
  };
  console.error = capture;
  console.warn = capture;
  try {
    return { result: call(), printed };
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
