/** The CLI's version, from its package.json (inlined at build time). */
import packageJson from '../package.json' with { type: 'json' };

/** `@ser/cli`'s version. */
export const CLI_VERSION: string = packageJson.version;
