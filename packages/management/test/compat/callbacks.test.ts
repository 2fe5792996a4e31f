import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { callbackify } from "../../src/compat/callbackify.js";
import { compatTenant, viaCallback } from "./support.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("compat: node-style callbacks", () => {
  it("calls a callback that throws only once, and leaves its exception uncaught (v2.44.1 called it again)", async () => {
    const tasks: (() => void)[] = [];
    vi.stubGlobal("queueMicrotask", (task: () => void) => tasks.push(task));
    const method = callbackify(async () => "done");
    const calls: unknown[][] = [];
    method((...args: unknown[]) => {
      calls.push(args);
      throw new Error("thrown by the callback");
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tasks).toHaveLength(1);
    expect(() => tasks[0]!()).toThrow("thrown by the callback");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tasks).toHaveLength(1);
    expect(calls).toEqual([[null, "done"]]);
  });

  it("calls back once, after the call returned undefined", async () => {
    const calls: unknown[][] = [];
    const method = callbackify(async (n: number) => n * 2);
    let settled = false;
    const returned = method(21, (...args) => {
      calls.push(args);
      settled = true;
    });
    expect([returned, settled]).toEqual([undefined, false]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([[null, 42]]);
  });

  it("lets the callback take the place of trailing optional parameters", async () => {
    const t = compatTenant({
      seed: { users: [{ user_id: "auth0|ada", email: "ada@example.com" }] },
    });
    const management = t.management();
    const byEmail = await viaCallback((cb) => management.getUsersByEmail("ada@example.com", cb));
    const all = await viaCallback((cb) => management.getUsers(cb));
    const withUndefined = await viaCallback((cb) => management.getUsers(undefined, cb));
    for (const outcome of [byEmail, all, withUndefined]) {
      expect(outcome.error).toBeNull();
      expect(outcome.result).toEqual([expect.objectContaining({ user_id: "auth0|ada" })]);
    }
    expectTypeOf(
      management.getUsersByEmail("ada@example.com", () => {}),
    ).toEqualTypeOf<undefined>();
    expectTypeOf(management.getUser({ id: "auth0|ada" })).resolves.toHaveProperty("user_id");
  });

  it("hands the callback an Error even when the call rejects with something else", async () => {
    const method = callbackify(() => Promise.reject("plain string"));
    const { error } = await viaCallback((cb) => method(cb));
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toBe("plain string");
  });
});
