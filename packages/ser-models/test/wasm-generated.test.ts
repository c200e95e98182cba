import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleTrainingKernels } from '../scripts/build-wasm.mjs';

const root = path.resolve(__dirname, '..');

describe('embedded training-kernel module', () => {
  it('is the assembled wasm/training-kernels.mjs (rerun `npm run build:wasm` after editing the generator)', async () => {
    const buffer = await assembleTrainingKernels();
    const generated = readFileSync(path.join(root, 'src/generated/training-kernels-wasm.ts'), 'utf8');
    expect(/'([A-Za-z0-9+/=]+)'/.exec(generated)?.[1]).toBe(Buffer.from(buffer).toString('base64'));
  });
});
