import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wabtFactory from 'wabt';

const root = path.resolve(__dirname, '..');

describe('embedded WebAssembly kernels', () => {
  it('are the assembled wasm/*.wat sources (rerun `npm run build:wasm` after editing one)', async () => {
    const wabt = await wabtFactory();
    const sources = readdirSync(path.join(root, 'wasm')).filter((name) => name.endsWith('.wat'));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const file of sources) {
      const module = wabt.parseWat(file, readFileSync(path.join(root, 'wasm', file), 'utf8'), { simd: true });
      const { buffer } = module.toBinary({ log: false, write_debug_names: false });
      module.destroy();
      const generated = readFileSync(path.join(root, 'src/generated', file.replace(/\.wat$/, '-wasm.ts')), 'utf8');
      const embedded = /'([A-Za-z0-9+/=]+)'/.exec(generated)?.[1];
      expect(embedded, file).toBe(Buffer.from(buffer).toString('base64'));
      expect(buffer.length, `${file} must stay ≤ 4 KB (synchronous compilation in browsers)`).toBeLessThanOrEqual(4096);
    }
  });
});
