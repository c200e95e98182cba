/** Helpers to reproduce numpy's float32 arithmetic (each operation rounded to float32). */

/** Rounds to the nearest float32. */
export const f32 = Math.fround;

/** numpy `finfo(np.float32).tiny`. */
export const FLOAT32_TINY_VALUE = 1.1754943508222875e-38;
