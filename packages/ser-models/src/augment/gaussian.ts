import type { Random } from '../random.js';

/** A standard normal draw from a uniform generator (Box–Muller; one of the pair is used). */
export function standardNormal(random: Random): number {
  let u = random();
  while (u <= Number.MIN_VALUE) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
