// Two assertions are all these tests need. (node:assert would pull @types/node into
// Deno's type check, which this package does not install; jsr:@std/assert needs the network.)

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

interface Assert {
  /** Fails with `message` unless `condition` holds. */
  ok(condition: unknown, message: string): asserts condition;
  /** Fails unless both values have the same JSON form. */
  deepEqual(actual: unknown, expected: unknown, what: string): void;
}

export const assert: Assert = {
  ok(condition, message) {
    if (!condition) throw new Error(message);
  },
  deepEqual(actual, expected, what) {
    if (show(actual) !== show(expected)) {
      throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
    }
  },
};
