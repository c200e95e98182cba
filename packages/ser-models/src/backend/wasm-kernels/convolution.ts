/** Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter fast paths for 1-D convolutions (see conv1d.ts). */
import { input, type FastPath } from './module-kernel.js';
import { conv1DFilterGradient, conv1DForward, conv1DGeometry, conv1DInputGradient, conv1DSupported } from './conv1d.js';

export const conv2DFast: FastPath = (call) => {
  const x = input(call, 'x');
  const filter = input(call, 'filter');
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const g = conv1DGeometry(x.shape, filter.shape, call.attrs);
  return g && conv1DSupported(g, 'forward') ? conv1DForward(call.k, call.backend, x, filter, g) : null;
};

export const conv2DBackpropInputFast: FastPath = (call) => {
  const dy = input(call, 'dy');
  const filter = input(call, 'filter');
  const { inputShape } = call.attrs as unknown as { inputShape: number[] };
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const g = conv1DGeometry(inputShape, filter.shape, call.attrs);
  return g && conv1DSupported(g, 'input') ? conv1DInputGradient(call.k, call.backend, dy, filter, g) : null;
};

export const conv2DBackpropFilterFast: FastPath = (call) => {
  const x = input(call, 'x');
  const dy = input(call, 'dy');
  const { filterShape } = call.attrs as unknown as { filterShape: number[] };
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const g = conv1DGeometry(x.shape, filterShape, call.attrs);
  return g && conv1DSupported(g, 'filter') ? conv1DFilterGradient(call.k, call.backend, x, dy, g) : null;
};
