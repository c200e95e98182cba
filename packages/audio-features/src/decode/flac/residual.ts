import type { FlacBitReader } from './bit-reader.js';
import { FlacFormatError } from './format-error.js';

/**
 * Decodes the partitioned Rice (4-bit parameters) or Rice2 (5-bit parameters) coded residual of a
 * FIXED or LPC subframe into `out[predictorOrder, blockSize)`. Partitions whose parameter is the
 * escape code hold raw signed samples of a given bit width (0 bits: all zero).
 */
export function decodeResidual(
  reader: FlacBitReader,
  out: Int32Array,
  blockSize: number,
  predictorOrder: number,
): void {
  const method = reader.readUnsigned(2);
  if (method > 1) throw new FlacFormatError(`reserved residual coding method ${method}`);
  const parameterBits = method === 0 ? 4 : 5;
  const escape = method === 0 ? 15 : 31;
  const partitionOrder = reader.readUnsigned(4);
  const partitions = 1 << partitionOrder;
  const partitionSize = blockSize >> partitionOrder;
  if (partitionSize << partitionOrder !== blockSize || partitionSize < predictorOrder) {
    throw new FlacFormatError(
      `residual partition order ${partitionOrder} does not fit a block of ${blockSize} samples with predictor order ${predictorOrder}`,
    );
  }
  let i = predictorOrder;
  for (let partition = 0; partition < partitions; partition++) {
    const count = partition === 0 ? partitionSize - predictorOrder : partitionSize;
    const parameter = reader.readUnsigned(parameterBits);
    if (parameter === escape) {
      const bits = reader.readUnsigned(5);
      for (let j = 0; j < count; j++) out[i + j] = reader.readSigned(bits);
    } else {
      reader.readRiceBlock(out, i, count, parameter);
    }
    i += count;
  }
}
