import type { CachedToken, TokenCache } from "@auth0-edge/management";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";
import { manualClock, token } from "./clock.js";

describe("as a TokenCache", () => {
  it("satisfies the TokenCache contract of @auth0-edge/management", async () => {
    const c: TokenCache = createMemoryTokenCache({ now: manualClock().now });

    await c.set("k", token("t1"), 60);
    const got: CachedToken | undefined = await c.get("k");
    expect(got?.accessToken).toBe("t1");

    await c.delete("k");
    expect(await c.get("k")).toBeUndefined();

    const release = await c.lock?.("k", 1_000);
    expect(release).toBeTypeOf("function");
  });

  it("is assignable with default options", () => {
    const c: TokenCache = createMemoryTokenCache();

    expect(c.lock).toBeTypeOf("function");
  });
});
