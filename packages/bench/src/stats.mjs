/** Median, min and max of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Rounds to `digits` decimals, for figures that go into JSON and the README. */
export const round = (value, digits = 3) => Number(value.toFixed(digits));

/**
 * The orders of the turns of `n` clients in a round: a Williams design, in which every
 * client takes every place equally often and follows every other client equally often, so
 * that neither going first nor coming after a heavy client (a cache it left cold) falls on
 * one client more than another. A rotation alone keeps each client's predecessor.
 */
export function balancedOrders(n) {
  const first = Array.from({ length: n }, (_, i) => (i % 2 ? (i + 1) / 2 : (n - i / 2) % n));
  const square = Array.from({ length: n }, (_, shift) => first.map((c) => (c + shift) % n));
  // An odd number of clients needs the mirrored square too.
  return n % 2 ? [...square, ...square.map((order) => [...order].reverse())] : square;
}
