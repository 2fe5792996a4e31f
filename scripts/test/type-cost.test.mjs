import { describe, expect, it } from "vitest";
import { measure, overEmpty, programs } from "../type-cost/measure.mjs";

/**
 * The bound: a program that imports the root entry and `/users` and calls
 * `getUser` once may cost at most this many type instantiations over an empty program
 * (it cost about 35,400 when every subpath loaded the whole schema).
 */
const MAX_EXTRA_INSTANTIATIONS = 2000;
/**
 * A bound on the types the every-subpath program creates (about 12,400 over the empty
 * program): a path-typed request that crossed two unions of 452 ids made 18,700 and took
 * 30 s to check, while its instantiations barely moved. Counts, not seconds: no timing gate.
 */
const MAX_EXTRA_TYPES_EVERY_SUBPATH = 15_000;

describe("what type-checking costs a user (tsc --extendedDiagnostics, TypeScript 5.9, skipLibCheck off)", () => {
  const results = measure();
  const oneCall = overEmpty(results, "root + /users, one getUser call");
  const everything = overEmpty(results, "every subpath");
  console.log(
    [
      "type-checking cost over an empty program (time and memory are noisy, and not gated):",
      `  root + /users, one getUser call: +${oneCall.instantiations} instantiations, +${oneCall.types} types, +${oneCall.memoryMB} MB, check ${oneCall.checkSeconds} s, total ${oneCall.totalSeconds} s, +${oneCall.definitionLines} lines of declarations`,
      `  every subpath: +${everything.instantiations} instantiations, +${everything.types} types, +${everything.memoryMB} MB, check ${everything.checkSeconds} s, total ${everything.totalSeconds} s, +${everything.definitionLines} lines of declarations`,
    ].join("\n"),
  );

  it(`a program that imports the root entry and /users and calls getUser once costs at most ${MAX_EXTRA_INSTANTIATIONS} extra instantiations`, () => {
    expect(oneCall.instantiations).toBeLessThanOrEqual(MAX_EXTRA_INSTANTIATIONS);
  });

  it(`a program that imports every subpath creates at most ${MAX_EXTRA_TYPES_EVERY_SUBPATH} extra types`, () => {
    expect(everything.types).toBeLessThanOrEqual(MAX_EXTRA_TYPES_EVERY_SUBPATH);
  });

  it("measures what it claims: the consumers load the package's declarations and cost more than the empty program", () => {
    expect(Object.keys(results)).toEqual(Object.keys(programs()));
    expect(oneCall.definitionLines).toBeGreaterThan(0);
    expect(everything.definitionLines).toBeGreaterThan(oneCall.definitionLines);
    expect(everything.instantiations).toBeGreaterThan(oneCall.instantiations);
  });
});
