#!/usr/bin/env node
// The `ser` command. Its implementation is built into dist/cli.js (`npm run build`); this launcher is
// committed so that npm links the command at install time, before anything is built (npm skips bins
// whose file does not exist yet).
import { existsSync } from 'node:fs';

const target = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(target)) {
  process.stderr.write('ser: @ser/cli is not built yet (dist/cli.js is missing): run `npm run build` first\n');
  process.exit(1);
}
await import(target.href);
