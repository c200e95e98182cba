"""Reference resampling with SciPy, exactly as librosa 0.11 calls it (res_type 'polyphase' / 'fft',
fix=True, scale=False). Used by resample.test.ts when SciPy is installed.

usage: python3 scipy-reference.py <input.f32> <out_dir> <from>:<to>[:fft] ...
Writes <out_dir>/<from>_<to>_<method>.f32 (float32 little-endian)."""
import math
import sys

import numpy as np
import scipy.signal

y = np.fromfile(sys.argv[1], dtype="<f4")
for spec in sys.argv[3:]:
    parts = spec.split(":")
    orig_sr, target_sr = int(parts[0]), int(parts[1])
    method = parts[2] if len(parts) > 2 else "polyphase"
    n_samples = int(np.ceil(y.shape[-1] * (float(target_sr) / orig_sr)))
    if method == "fft":
        y_hat = scipy.signal.resample(y, n_samples, axis=-1)
    else:
        g = math.gcd(orig_sr, target_sr)
        y_hat = scipy.signal.resample_poly(y, target_sr // g, orig_sr // g, axis=-1)
        y_hat = y_hat[:n_samples] if len(y_hat) >= n_samples else np.pad(y_hat, (0, n_samples - len(y_hat)))
    np.asarray(y_hat, dtype="<f4").tofile(f"{sys.argv[2]}/{orig_sr}_{target_sr}_{method}.f32")
print(scipy.__version__)
