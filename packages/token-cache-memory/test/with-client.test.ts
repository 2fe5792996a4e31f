import { createManagementClient, request } from "@auth0-edge/management";
import { createAuth0Emulator } from "@auth0-edge/testing/core";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";

const domain = "tenant.example.auth0.com";
const credentials = { clientId: "memory-cache-client", clientSecret: "memory-cache-secret" };

function tenant() {
  const emulator = createAuth0Emulator({ domain, ...credentials });
  const client = (tokenCache: ReturnType<typeof createMemoryTokenCache>) =>
    createManagementClient({ domain, ...credentials, fetch: emulator.fetch, tokenCache });
  return { emulator, client };
}

describe("with the management client", () => {
  it("lets a new client per request reuse one token", async () => {
    const { emulator, client } = tenant();
    const tokenCache = createMemoryTokenCache();
    for (let i = 0; i < 10; i++)
      await request(client(tokenCache), { method: "GET", path: "/users" });
    expect(emulator.tokenGrants).toBe(1);
    expect(tokenCache.size).toBe(1);
  });

  it("lets 20 cold clients starting together share one grant through its lock", async () => {
    const { emulator, client } = tenant();
    const tokenCache = createMemoryTokenCache();
    const clients = Array.from({ length: 20 }, () => client(tokenCache));
    await Promise.all(
      clients.flatMap((c) =>
        Array.from({ length: 10 }, () => request(c, { method: "GET", path: "/users" })),
      ),
    );
    expect(emulator.tokenGrants).toBe(1);
  });
});
