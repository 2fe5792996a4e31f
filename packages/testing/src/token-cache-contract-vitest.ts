/**
 * `@auth0-edge/testing/token-cache-contract/vitest`: the token cache contract as vitest
 * tests. The only entry of this package that loads a test runner.
 *
 * @packageDocumentation
 */
import { describe, it } from "vitest";
import { type TokenCacheSubject, tokenCacheContract } from "./token-cache-contract";

/**
 * Declares one vitest test per check of the token cache contract, in a `describe` named `name`.
 *
 * Exported from `@auth0-edge/testing/token-cache-contract/vitest`.
 *
 * @example
 * ```ts
 * import { describeTokenCacheContract } from "@auth0-edge/testing/token-cache-contract/vitest";
 * import { createMemoryTokenCache } from "@auth0-edge/token-cache-memory";
 *
 * describeTokenCacheContract("the memory cache", {
 *   create: ({ now }) => createMemoryTokenCache({ now }),
 *   lock: true,
 * });
 * ```
 *
 * The subject's declarations (`lock`, `lease`, `compareAndDelete`, `minTtlSeconds`) are read
 * when the tests are declared; `create` is called inside each test.
 */
export function describeTokenCacheContract(
  name: string,
  subject: TokenCacheSubject,
  options: { timeoutMs?: number } = {},
): void {
  describe(`${name} keeps the token cache contract`, () => {
    // `create` runs only inside each test, so it may use what a beforeAll set up.
    for (const { name: check, run } of tokenCacheContract(subject)) {
      it(check, run, options.timeoutMs ?? 30_000);
    }
  });
}
