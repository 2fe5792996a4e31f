import { type ContractOutcome, tokenCacheContract } from "@auth0-edge/testing/token-cache-contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerd, type Workerd } from "./support/workerd.js";

// The same declarations as the Worker's subject (test/worker/entry.ts): they name the checks.
const CHECKS = tokenCacheContract({
  create: () => ({}) as never,
  lease: true,
  compareAndDelete: true,
}).map((c) => c.name);
const KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i * 7)));

let workerd: Workerd;
const outcomes: Record<string, Map<string, ContractOutcome>> = {};
beforeAll(async () => {
  workerd = await startWorkerd(1);
  // The checks run inside workerd, on real coordinator objects, one run per setting.
  for (const [name, options] of [
    ["plain", {}],
    ["encrypted", { encryptionKey: KEY }],
  ] as const) {
    outcomes[name] = new Map((await workerd.contract(options)).map((o) => [o.name, o]));
  }
}, 120_000);
afterAll(() => workerd?.dispose());

for (const setting of ["plain", "encrypted"]) {
  describe(`the Durable Object cache (${setting}) keeps the token cache contract in workerd`, () => {
    it("runs every check of the contract, lease and compare-and-delete included", () => {
      expect([...outcomes[setting]!.keys()].sort()).toEqual([...CHECKS].sort());
      expect(CHECKS.some((c) => c.startsWith("lease:"))).toBe(true);
    });
    it.each(CHECKS)("%s", (check) => {
      expect(outcomes[setting]!.get(check)).toEqual({ name: check, ok: true });
    });
  });
}
