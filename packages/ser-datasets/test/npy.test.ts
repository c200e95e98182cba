import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, python3With } from '@ser/test-support';
import { decodeNpy, encodeNpy, readNpy, toSafeNumbers, writeNpy, DatasetError } from '../src/index.js';

const PYTHON = python3With('numpy');

function python(script: string): string {
  const result = spawnSync(PYTHON!, ['-c', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe('.npy encoding', () => {
  it('writes a v1 header numpy-style: padded to 64 bytes, ending in a newline', () => {
    const bytes = encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = bytes[8]! | (bytes[9]! << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }")).toBe(true);
    expect(header.endsWith('\n')).toBe(true);
    expect(bytes.length).toBe(10 + headerLength + 24);
  });

  it('round-trips float32/float64/int32/int64 and shapes (n,), (), (a, b, c)', () => {
    const cases = [
      { data: new Float32Array([0.5, -1.25, 3e-8]), shape: [3] },
      { data: new Float64Array([Math.PI, -Math.E]), shape: [2, 1] },
      { data: new Int32Array([-2147483648, 0, 2147483647, 7]), shape: [2, 2] },
      { data: new BigInt64Array([-(2n ** 62n), 0n, 2n ** 62n]), shape: [3] },
      { data: new Float32Array([42]), shape: [] },
      { data: new Float32Array(24).map((_, i) => i), shape: [2, 3, 4] },
      { data: new Float32Array(0), shape: [0, 180] },
    ];
    for (const { data, shape } of cases) {
      for (const version of [1, 2] as const) {
        const decoded = decodeNpy(encodeNpy(data, shape, { version }));
        expect(decoded.shape).toEqual(shape);
        expect(decoded.data).toEqual(data);
        expect(decoded.data.constructor).toBe(data.constructor);
      }
    }
  });

  it('switches to format 2.0 when the header exceeds 65535 bytes', () => {
    const shape = Array.from({ length: 30000 }, () => 1);
    const bytes = encodeNpy(new Float32Array([1]), shape);
    expect(bytes[6]).toBe(2);
    expect(decodeNpy(bytes).shape).toHaveLength(30000);
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/holds 6 elements but the data has 5/);
  });

  it('converts int64 to numbers only when safe', () => {
    expect(Array.from(toSafeNumbers(new BigInt64Array([3n, -4n])))).toEqual([3, -4]);
    expect(() => toSafeNumbers(new BigInt64Array([2n ** 60n]))).toThrow(/beyond Number's safe integer range/);
  });

  it('gives clear errors for big-endian, object, Fortran-ordered, structured and truncated files', () => {
    const withHeader = (dict: string, payload: Uint8Array = new Uint8Array(8)) => {
      const good = encodeNpy(new Float64Array(1), [1]);
      const headerLength = 128 - 10;
      const bytes = new Uint8Array(128 + payload.length);
      bytes.set(good.subarray(0, 8));
      bytes[8] = headerLength;
      const text = new TextEncoder().encode(dict.padEnd(headerLength - 1, ' ') + '\n');
      bytes.set(text, 10);
      bytes.set(payload, 128);
      return bytes;
    };
    const decode = (dict: string, payload?: Uint8Array) => () =>
      decodeNpy(withHeader(dict, payload), { file: 'f.npy' });
    expect(decode("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }")).toThrow(/f\.npy: big-endian arrays/);
    expect(decode("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }")).toThrow(/object arrays/);
    expect(decode("{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }")).toThrow(/Fortran-ordered arrays/);
    expect(decode("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }")).toThrow(/structured/);
    expect(decode("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }")).toThrow(/truncated .npy data/);
    expect(decode("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }")).toThrow(/dtype '<U3' is not supported/);
    expect(() => decodeNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toThrow(DatasetError);
  });
});

describe('numpy interop', needs('python3-numpy'), () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-npy-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('numpy reads what we write (v1 and v2, several dtypes and shapes)', async () => {
    await writeNpy(
      join(dir, 'f4.npy'),
      Float32Array.from({ length: 12 }, (_, i) => i / 3),
      [3, 4],
    );
    await writeNpy(join(dir, 'f8.npy'), new Float64Array([1e-300, -2.5]), [2], { version: 2 });
    await writeNpy(join(dir, 'i4.npy'), new Int32Array([1, -2, 3]), [3]);
    await writeNpy(join(dir, 'i8.npy'), new BigInt64Array([2n ** 40n, -1n]), [1, 2]);
    await writeNpy(join(dir, 'scalar.npy'), new Float32Array([7]), []);
    const out = python(`
import numpy as np, json, os
d = ${JSON.stringify(dir)}
res = {}
for n in ['f4', 'f8', 'i4', 'i8', 'scalar']:
    a = np.load(os.path.join(d, n + '.npy'))
    res[n] = [str(a.dtype), list(a.shape), a.flatten().tolist(), bool(a.flags['C_CONTIGUOUS'])]
with open(os.path.join(d, 'f8.npy'), 'rb') as f:
    res['f8_version'] = np.lib.format.read_magic(f)
print(json.dumps(res))`);
    const res = JSON.parse(out);
    expect(res.f4.slice(0, 2)).toEqual(['float32', [3, 4]]);
    expect(res.f4[2]).toEqual(Array.from(Float32Array.from({ length: 12 }, (_, i) => i / 3)));
    expect(res.f8).toEqual(['float64', [2], [1e-300, -2.5], true]);
    expect(res.f8_version).toEqual([2, 0]);
    expect(res.i4).toEqual(['int32', [3], [1, -2, 3], true]);
    expect(res.i8).toEqual(['int64', [1, 2], [2 ** 40, -1], true]);
    expect(res.scalar).toEqual(['float32', [], [7], true]);
  });

  it('we read what numpy writes (np.save v1, forced v2, several dtypes, (n,) shapes)', async () => {
    python(`
import numpy as np, os
d = ${JSON.stringify(dir)}
np.save(os.path.join(d, 'np_f4.npy'), np.arange(6, dtype='<f4').reshape(2, 3) / 7)
np.save(os.path.join(d, 'np_f8.npy'), np.array([0.1, 0.2, 0.3]))
np.save(os.path.join(d, 'np_i8.npy'), np.array([5, -6, 7]))
np.save(os.path.join(d, 'np_i4.npy'), np.array([[1], [2]], dtype=np.int32))
np.save(os.path.join(d, 'np_u1.npy'), np.array([0, 255], dtype=np.uint8))
np.save(os.path.join(d, 'np_bool.npy'), np.array([True, False]))
with open(os.path.join(d, 'np_v2.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.ones((2, 2), dtype='<f4'), version=(2, 0))
np.save(os.path.join(d, 'np_fortran.npy'), np.asfortranarray(np.ones((2, 3))))
np.save(os.path.join(d, 'np_big.npy'), np.array([1.0], dtype='>f8'))
np.save(os.path.join(d, 'np_obj.npy'), np.array([{'a': 1}], dtype=object), allow_pickle=True)
`);
    const f4 = await readNpy(join(dir, 'np_f4.npy'));
    expect(f4.dtype).toBe('float32');
    expect(f4.shape).toEqual([2, 3]);
    expect(Array.from(f4.data as Float32Array)).toEqual(
      Array.from(Float32Array.from([0, 1, 2, 3, 4, 5], (v) => v / 7)),
    );
    const f8 = await readNpy(join(dir, 'np_f8.npy'));
    expect([f8.dtype, f8.shape, Array.from(f8.data as Float64Array)]).toEqual(['float64', [3], [0.1, 0.2, 0.3]]);
    const i8 = await readNpy(join(dir, 'np_i8.npy'));
    expect(i8.data).toEqual(new BigInt64Array([5n, -6n, 7n]));
    const i4 = await readNpy(join(dir, 'np_i4.npy'));
    expect([i4.shape, Array.from(i4.data as Int32Array)]).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(Array.from((await readNpy(join(dir, 'np_u1.npy'))).data as Uint8Array)).toEqual([0, 255]);
    const bool = await readNpy(join(dir, 'np_bool.npy'));
    expect([bool.dtype, Array.from(bool.data as Uint8Array)]).toEqual(['bool', [1, 0]]);
    const v2 = await readNpy(join(dir, 'np_v2.npy'));
    expect([v2.shape, Array.from(v2.data as Float32Array)]).toEqual([
      [2, 2],
      [1, 1, 1, 1],
    ]);
    await expect(readNpy(join(dir, 'np_fortran.npy'))).rejects.toThrow(/np_fortran\.npy: Fortran-ordered/);
    await expect(readNpy(join(dir, 'np_big.npy'))).rejects.toThrow(/np_big\.npy: big-endian/);
    await expect(readNpy(join(dir, 'np_obj.npy'))).rejects.toThrow(/np_obj\.npy: object arrays/);
    await expect(readNpy(join(dir, 'missing.npy'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Bytes instead of a path (an easy mistake from JavaScript) get pointed at decodeNpy.
    await expect(readNpy(encodeNpy(new Float32Array(2), [2]) as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/use decodeNpy/),
    });
  });

  it('writes the same data bytes as np.save for a float32 matrix', async () => {
    const data = Float32Array.from({ length: 6 }, (_, i) => i * 1.5);
    await writeNpy(join(dir, 'ours.npy'), data, [2, 3]);
    python(`
import numpy as np, os
np.save(os.path.join(${JSON.stringify(dir)}, 'theirs.npy'), (np.arange(6, dtype='<f4') * 1.5).reshape(2, 3))`);
    const ours = await readFile(join(dir, 'ours.npy'));
    const theirs = await readFile(join(dir, 'theirs.npy'));
    // numpy ≥ 1.23 leaves extra spaces for in-place growth, so compare header dicts and data, not raw bytes
    const theirsDecoded = decodeNpy(theirs);
    expect(theirsDecoded.data).toEqual(decodeNpy(ours).data);
    expect(theirs.subarray(theirs.length - 24)).toEqual(ours.subarray(ours.length - 24));
  });
});
