/**
 * `@auth0-edge/testing/token-cache-contract`: what every token cache of
 * `@auth0-edge/management` must do, as named async checks that any test runner (or a
 * Worker inside workerd) can run. It depends on no test runner and not on the client:
 * the cache is typed by its shape. `@auth0-edge/testing/token-cache-contract/vitest`
 * turns the checks into vitest tests.
 *
 * @example
 * ```ts
 * import { runTokenCacheContract } from "@auth0-edge/testing/token-cache-contract";
 * import { createMyTokenCache } from "./my-token-cache";
 *
 * const outcomes = await runTokenCacheContract({
 *   create: ({ now }) => createMyTokenCache(store, { now }),
 *   lock: true,
 * });
 * const failed = outcomes.filter((o) => !o.ok);
 * ```
 *
 * @packageDocumentation
 */
import { TokenCacheContractError } from "./token-cache-contract/assert";
import {
  capabilityChecks,
  compareAndDeleteChecks,
  leaseChecks,
  lockChecks,
} from "./token-cache-contract/coordination-checks";
import { newEnv } from "./token-cache-contract/env";
import { type CheckBody, storageChecks } from "./token-cache-contract/storage-checks";
import type {
  ContractCheck,
  ContractOutcome,
  TokenCacheSubject,
} from "./token-cache-contract/types";
import { validationChecks } from "./token-cache-contract/validation-checks";

export type {
  ContractCache,
  ContractCheck,
  ContractContext,
  ContractLease,
  ContractOutcome,
  ContractToken,
  TokenCacheSubject,
} from "./token-cache-contract/types";
export { TokenCacheContractError };

/**
 * The checks that apply to `subject`: storage, validation and TTL for every cache; the
 * compare-and-delete, lock and lease checks when the subject declares them. Each check
 * makes its own caches with {@link TokenCacheSubject.create} and uses keys of its own.
 *
 * Exported from `@auth0-edge/testing/token-cache-contract`.
 *
 * @example
 * ```ts
 * for (const { name, run } of tokenCacheContract({ create: ({ now }) => createMemoryTokenCache({ now }) })) {
 *   await run(); // rejects with a TokenCacheContractError that says what went wrong
 * }
 * ```
 */
export function tokenCacheContract(subject: TokenCacheSubject): ContractCheck[] {
  const groups: Record<string, CheckBody>[] = [capabilityChecks, storageChecks, validationChecks];
  if (subject.compareAndDelete) groups.push(compareAndDeleteChecks);
  if (subject.lock) groups.push(lockChecks);
  if (subject.lease) groups.push(leaseChecks);
  return groups.flatMap((group) =>
    Object.entries(group).map(([name, body]) => ({
      name,
      run: async () => body(await newEnv(subject, name), subject),
    })),
  );
}

/**
 * Runs every check of {@link tokenCacheContract} in turn and reports each one, failures
 * included: for runtimes without a test runner (a Worker in workerd answers with the outcomes).
 *
 * Exported from `@auth0-edge/testing/token-cache-contract`.
 *
 * @example
 * ```ts
 * const outcomes = await runTokenCacheContract({ create: ({ now }) => createKvTokenCache(env.TOKENS, { now }), minTtlSeconds: 60 });
 * return Response.json(outcomes);
 * ```
 */
export async function runTokenCacheContract(
  subject: TokenCacheSubject,
): Promise<ContractOutcome[]> {
  const outcomes: ContractOutcome[] = [];
  for (const { name, run } of tokenCacheContract(subject)) {
    try {
      await run();
      outcomes.push({ name, ok: true });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      outcomes.push({ name, ok: false, message });
    }
  }
  return outcomes;
}
