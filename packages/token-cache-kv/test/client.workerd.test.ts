import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_CACHE_KEY, CLIENT_SECRET, startWorkerd, type Workerd } from "./support/workerd.js";

let workerd: Workerd;
// Two workers: two isolates that share only the KV namespace.
beforeAll(async () => {
  workerd = await startWorkerd(2);
});
afterAll(() => workerd?.dispose());
beforeEach(async () => {
  await workerd.clearKv();
  workerd.newEmulator();
});

const sharedToken = async () =>
  JSON.parse((await (await workerd.kv()).get(CLIENT_CACHE_KEY, "text")) ?? "null")?.accessToken as
    | string
    | undefined;

describe("the management client with a KV token cache, in workerd", () => {
  it("makes one grant for 50 concurrent calls of a cold client", async () => {
    expect(await workerd.calls({ count: 50 })).toMatchObject({ succeeded: 50, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(1);
  });

  it("lets a cold client in another isolate use the token the first one stored", async () => {
    const [a, b] = workerd.workers;
    await workerd.calls({ count: 5 }, a);
    await workerd.calls({ count: 5 }, b);
    expect(workerd.emulator.tokenGrants).toBe(1);
    expect(workerd.emulator.requests.filter((r) => r.kind === "api")).toHaveLength(10);
  });

  it.each(["throwing", "rejecting"] as const)(
    "never fails a call when every KV method is %s: it grants directly",
    async (namespace) => {
      const result = await workerd.calls({ count: 20, namespace });
      expect(result).toMatchObject({ succeeded: 20, errors: [] });
      // The client's own single flight still holds: one grant for the 20 calls.
      expect(workerd.emulator.tokenGrants).toBe(1);
    },
  );

  it("replaces a revoked token in KV, and the other isolate picks up the new one", async () => {
    const [a, b] = workerd.workers;
    await workerd.calls({ count: 1 }, a);
    const revoked = await sharedToken();
    workerd.emulator.revokeIssuedTokens();

    // The cold client reads the revoked token from KV, gets a 401, deletes it and grants.
    expect(await workerd.calls({ count: 5 }, b)).toMatchObject({ succeeded: 5, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(2);
    const fresh = await sharedToken();
    expect(fresh).toMatch(/^eyJ/);
    expect(fresh).not.toBe(revoked);

    expect(await workerd.calls({ count: 5 }, a)).toMatchObject({ succeeded: 5, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(2);
  });

  it("keeps the client secret out of KV", async () => {
    await workerd.calls({ count: 1 });
    const namespace = await workerd.kv();
    const { keys } = await namespace.list();
    for (const { name } of keys as { name: string }[]) {
      expect(name).not.toContain(CLIENT_SECRET);
      expect(await namespace.get(name)).not.toContain(CLIENT_SECRET);
    }
    expect(keys).toHaveLength(1);
  });
});
