// A seeded pseudo-random generator (mulberry32): the same seed gives the same data on every run.

export interface Random {
  /** A number in [0, 1). */
  (): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An index in [0, n) drawn with weight 1/(i+1): a few are picked very often, most rarely (Zipf, s = 1). */
  zipf(n: number): number;
  /** A standard normal number (Box-Muller). */
  gauss(): number;
  /** An exponentially distributed number with this mean. */
  exponential(mean: number): number;
  pick<T>(list: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (() => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Random;
  next.int = (n) => Math.floor(next() * n);
  next.chance = (p) => next() < p;
  // Inverse of the continuous CDF ln(x + 1) / ln(n + 1): density proportional to 1 / (i + 1).
  next.zipf = (n) => Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n + 1)) - 1));
  next.gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  next.exponential = (mean) => -Math.log(1 - next()) * mean;
  next.pick = (list) => list[next.int(list.length)]!;
  return next;
}
